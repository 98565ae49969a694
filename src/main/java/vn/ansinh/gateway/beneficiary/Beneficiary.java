package vn.ansinh.gateway.beneficiary;

import java.time.Instant;

/** A registered beneficiary as stored, with the registering partner as owner. */
public record Beneficiary(String owner, BeneficiaryRegistration registration, BeneficiaryStatus status,
    String statusReason, Instant createdAt, Instant updatedAt) {

  @Override
  public String toString() {
    return "Beneficiary[" + registration.beneficiaryId() + ", " + status + "]";
  }
}
