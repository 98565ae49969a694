package vn.ansinh.gateway.beneficiary;

/**
 * Where a beneficiary is on the way to a bank account (SPEC §4.2). ACCOUNT_INACTIVE: the bank
 * reported the open account wrong, closed or blocked; payments go in cash until a new one opens.
 * SUSPENDED and TERMINATED are the lifecycle's (SPEC §4.10): SUSPENDED is shown over the onboarding
 * status while a suspension is open; TERMINATED is stored, and onboarding no longer moves it.
 * WALLET_REGISTERED: verified, and paid to the wallet it registered instead of an account (SPEC §4.15).
 */
public enum BeneficiaryStatus {
  VERIFYING, IDENTITY_MISMATCH, DECEASED, ACCOUNT_REQUESTED, ACCOUNT_OPEN, ACCOUNT_REJECTED, ACCOUNT_INACTIVE,
  SUSPENDED, TERMINATED, WALLET_REGISTERED
}
