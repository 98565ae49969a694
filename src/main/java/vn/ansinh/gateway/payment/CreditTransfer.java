package vn.ansinh.gateway.payment;

/**
 * One payment as it goes into a bank file.
 *
 * @param paymentId     the payer's payment id, sent as EndToEndId
 * @param amountVnd     whole đồng
 * @param bankBin       the creditor agent, by NAPAS BIN
 * @param accountNumber the beneficiary's account
 * @param creditorName  the beneficiary's name
 * @param purpose       free text for the remittance information
 */
public record CreditTransfer(String paymentId, long amountVnd, String bankBin, String accountNumber,
    String creditorName, String purpose) {

  @Override
  public String toString() {
    return "CreditTransfer[" + paymentId + ", " + amountVnd + " VND to " + bankBin + "]";
  }
}
