package vn.ansinh.gateway.payment;

import java.util.List;

/**
 * What a wallet provider reports (SPEC §4.15, contracts/wallets/openapi.yaml#/components/schemas/WalletReport).
 *
 * @param reportId the provider's report id (the idempotency key)
 * @param results  one per payment: the order it came in, the payment, the outcome and its reason
 */
record WalletReport(String reportId, List<Entry> results) {

  /**
   * @param orderId   the gateway's order id the payment was sent in
   * @param paymentId the payer's payment id
   * @param status    PAID, REJECTED or RETURNED
   * @param reason    the provider's reason code, for rejections and returns
   * @param amountVnd the amount the provider paid or returned, when it says
   */
  record Entry(String orderId, String paymentId, PaymentStatus status, String reason, Long amountVnd) {}

  @Override
  public String toString() {
    return "WalletReport[" + reportId + "]";
  }
}
