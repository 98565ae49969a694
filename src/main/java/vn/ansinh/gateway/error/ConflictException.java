package vn.ansinh.gateway.error;

/** The request clashes with what is already there (a reused id, an idempotency key with another body). */
public class ConflictException extends GatewayException {

  public ConflictException(String detail) {
    super(409, "conflict", "Conflict", detail, null);
  }
}
