package vn.ansinh.gateway.error;

import java.util.List;

/**
 * A well-formed change that cannot take effect: a corrected name the population database does
 * not confirm, a resume before its suspension began, a move dated before the last one.
 */
public class ChangeRefusedException extends GatewayException {

  private final List<Violation> violations;

  public ChangeRefusedException(String problemType, String title, Violation violation) {
    super(422, problemType, title, violation.field() + ": " + violation.reason(), null);
    this.violations = List.of(violation);
  }

  @Override
  public List<Violation> violations() {
    return violations;
  }
}
