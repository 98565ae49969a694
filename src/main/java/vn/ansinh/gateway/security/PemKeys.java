package vn.ansinh.gateway.security;

import java.util.Base64;

/** The DER bytes inside a PEM block ("-----BEGIN PUBLIC KEY-----" or "PRIVATE KEY"). */
public final class PemKeys {

  private PemKeys() {}

  public static byte[] der(String pem) {
    return Base64.getDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""));
  }
}
