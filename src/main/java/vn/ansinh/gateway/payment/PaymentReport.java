package vn.ansinh.gateway.payment;

import java.util.List;

/**
 * What a bank reports, whatever the message: per transaction, the file it came in, the payment,
 * the outcome and its reason, and for booked entries the amount.
 *
 * @param messageId   the bank's message id (the idempotency key)
 * @param messageType pain.002.001.10 or camt.054.001.08
 * @param entries     one per reported transaction
 */
record PaymentReport(String messageId, String messageType, List<Entry> entries) {

  /**
   * @param fileId     the pain.001 MsgId (PmtInfId) the payment was sent in
   * @param endToEndId the payer's payment id
   * @param outcome    ACCEPTED, PAID, REJECTED or RETURNED
   * @param reason     an ISO 20022 reason code (AC01, AC04, MD07 …), for rejections and returns
   * @param amountVnd  the amount the bank booked, when the message says (camt.054); else null
   */
  record Entry(String fileId, String endToEndId, PaymentStatus outcome, String reason, Long amountVnd) {}
}
