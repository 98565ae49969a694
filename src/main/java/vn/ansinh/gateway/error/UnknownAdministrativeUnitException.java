package vn.ansinh.gateway.error;

import java.util.List;

/**
 * Well-formed province or commune codes that the official list valid on the relevant date does not
 * hold (SPEC §4.12): 422, each violation naming the code and the date's list.
 */
public class UnknownAdministrativeUnitException extends GatewayException {

  private final List<Violation> violations;

  public UnknownAdministrativeUnitException(List<Violation> violations) {
    super(422, "unknown-administrative-unit", "Unknown administrative unit",
        violations.size() == 1 ? violations.get(0).field() + ": " + violations.get(0).reason()
            : violations.size() + " codes are not in the list of administrative units", null);
    this.violations = List.copyOf(violations);
  }

  @Override
  public List<Violation> violations() {
    return violations;
  }
}
