package vn.ansinh.gateway.payment;

/**
 * One payment as it goes into a bank file.
 *
 * @param paymentId     the payer's payment id, sent as EndToEndId
 * @param amountVnd     whole đồng
 * @param bankBin       the creditor agent, by NAPAS BIN
 * @param accountNumber the account paid: the beneficiary's, or their authorised representative's
 * @param creditorName  the account holder's name: the beneficiary's, or the representative's
 * @param purpose       free text for the remittance information
 */
public record CreditTransfer(String paymentId, long amountVnd, String bankBin, String accountNumber,
    String creditorName, String purpose) {

  @Override
  public String toString() {
    return "CreditTransfer[" + paymentId + ", " + amountVnd + " VND to " + bankBin + "]";
  }
}
