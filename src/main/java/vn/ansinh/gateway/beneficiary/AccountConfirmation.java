package vn.ansinh.gateway.beneficiary;

import java.time.Instant;

/** A bank's answer to an account-opening request (SPEC §4.3), as the bank signed it. */
public record AccountConfirmation(String requestId, String beneficiaryId, String personalId, String bankBin,
    String accountNumber, String accountName, String status, String reason, Instant openedAt) {

  @Override
  public String toString() {
    return "AccountConfirmation[" + requestId + ", " + status + "]";
  }
}
