package vn.ansinh.gateway.error;

import java.util.List;

/** A change without If-Match: it must name the version (ETag) it was made from (RFC 6585). */
public class PreconditionRequiredException extends GatewayException {

  public PreconditionRequiredException() {
    super(428, "precondition-required", "Precondition required",
        "Send If-Match with the ETag of the version the change was made from", null);
  }

  @Override
  public List<Violation> violations() {
    return List.of(Violation.of("If-Match", "is required: the ETag from GET, e.g. \"3\""));
  }
}
