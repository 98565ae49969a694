package vn.ansinh.gateway.payment;

/**
 * Where one payment is. {@code RECEIVED} is the gateway's own: a row that passed the row checks
 * and waits for the batch-level ones (duplicates, the deceased, the account mapping). INELIGIBLE: the
 * payer suspended or terminated the beneficiary for the period.
 */
public enum PaymentStatus {
  RECEIVED, INVALID, DUPLICATE, DECEASED, UNVERIFIED, IDENTITY_MISMATCH, INELIGIBLE, CASH, PENDING, DISPATCHED, ACCEPTED, PAID,
  REJECTED, RETURNED;

  /**
   * SQL: the row is one of its bank file's transfers. A row stopped by validation keeps its file
   * number (the numbering stays as counted) but is never written into the file nor reported on.
   */
  static final String IN_ITS_FILE = "status in ('PENDING', 'DISPATCHED', 'ACCEPTED', 'PAID', 'REJECTED', 'RETURNED')";
}
