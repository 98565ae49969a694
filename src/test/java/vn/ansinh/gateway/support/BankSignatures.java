package vn.ansinh.gateway.support;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Signs a push as a bank (or the population database) does: a detached ES256 JWS over the exact
 * body, with a test key from /keys.
 */
public final class BankSignatures {

  private BankSignatures() {}

  /** Signed with bank {@code keyName}'s key (/keys/bank-{keyName}.key.pem). */
  public static String sign(String keyName, String body) {
    return signWithKey("bank-" + keyName, body);
  }

  /** Signed with the key in /keys/{keyFile}.key.pem. */
  public static String signWithKey(String keyFile, String body) {
    try (InputStream in = BankSignatures.class.getResourceAsStream("/keys/" + keyFile + ".key.pem")) {
      String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
          .replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
      ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC")
          .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
      JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.ES256), new Payload(body.getBytes(StandardCharsets.UTF_8)));
      jws.sign(new ECDSASigner(key));
      return jws.serialize(true);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
