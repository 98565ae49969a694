package vn.ansinh.gateway.error;

/** The partner may call the service, but not about this object (another bank's BIN, say). */
public class ForbiddenException extends GatewayException {

  public ForbiddenException(String detail) {
    super(403, "forbidden", "Access denied", detail, null);
  }
}
