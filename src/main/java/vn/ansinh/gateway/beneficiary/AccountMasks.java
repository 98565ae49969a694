package vn.ansinh.gateway.beneficiary;

/** Account numbers leave the gateway masked except their last 4 digits. */
public final class AccountMasks {

  private AccountMasks() {}

  public static String mask(String accountNumber) {
    if (accountNumber == null) {
      return null;
    }
    int keep = Math.min(4, accountNumber.length());
    return "*".repeat(accountNumber.length() - keep) + accountNumber.substring(accountNumber.length() - keep);
  }
}
