package vn.ansinh.gateway.error;

/** A signed push whose signature is missing, malformed, or not made with the partner's registered key. */
public class InvalidSignatureException extends GatewayException {

  public InvalidSignatureException(String detail) {
    super(401, "invalid-signature", "Signature not accepted", detail, null);
  }
}
