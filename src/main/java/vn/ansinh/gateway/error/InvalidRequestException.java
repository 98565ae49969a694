package vn.ansinh.gateway.error;

import java.util.List;

/** The request breaks a rule of the contract; nothing was sent to any agency. */
public class InvalidRequestException extends GatewayException {

  private final List<Violation> violations;

  public InvalidRequestException(List<Violation> violations) {
    super(400, "invalid-request", "Invalid request", describe(violations), null);
    this.violations = List.copyOf(violations);
  }

  public InvalidRequestException(String field, String reason) {
    this(List.of(Violation.of(field, reason)));
  }

  private static String describe(List<Violation> violations) {
    return violations.size() == 1
        ? violations.get(0).field() + ": " + violations.get(0).reason()
        : violations.size() + " fields are invalid";
  }

  @Override
  public List<Violation> violations() {
    return violations;
  }
}
