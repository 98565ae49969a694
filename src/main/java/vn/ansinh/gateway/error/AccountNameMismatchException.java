package vn.ansinh.gateway.error;

import java.util.List;

/** The bank's account holder is not the registered beneficiary, by name; the opening request stays open. */
public class AccountNameMismatchException extends GatewayException {

  public AccountNameMismatchException() {
    super(422, "account-name-mismatch", "Account holder does not match",
        "The account name does not match the beneficiary's registered name; the opening request stays open"
            + " for a corrected confirmation", null);
  }

  @Override
  public List<Violation> violations() {
    return List.of(Violation.of("accountName", "does not match the beneficiary's registered name"));
  }
}
