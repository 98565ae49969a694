package vn.ansinh.gateway.beneficiary;

/** Where a beneficiary is on the way to a bank account (SPEC §4.2). */
public enum BeneficiaryStatus {
  VERIFYING, IDENTITY_MISMATCH, DECEASED, ACCOUNT_REQUESTED, ACCOUNT_OPEN, ACCOUNT_REJECTED
}
