package vn.ansinh.gateway.error;

/** No such object — or not one the caller may see, which partners must not be able to tell apart. */
public class NotFoundException extends GatewayException {

  public NotFoundException(String what, String id) {
    super(404, "not-found", "Not found", "No " + what + " '" + id + "' for this partner", null);
  }
}
