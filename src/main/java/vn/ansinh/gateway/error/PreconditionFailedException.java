package vn.ansinh.gateway.error;

/** The If-Match names a version that is no longer the current one: someone changed the object since. */
public class PreconditionFailedException extends GatewayException {

  public PreconditionFailedException(String detail) {
    super(412, "precondition-failed", "Precondition failed", detail, null);
  }
}
