package vn.ansinh.gateway.payment;

/**
 * Where one payment is. {@code RECEIVED} is the gateway's own: a row that passed the row checks
 * and waits for the batch-level ones (duplicates, the deceased, the account mapping). INELIGIBLE: the
 * payer suspended or terminated the beneficiary for the period. CASH is a promise: the payment
 * point pays it, then records it PAID (method CASH) or not collected; one not recorded in time is
 * UNCOLLECTED.
 */
public enum PaymentStatus {
  RECEIVED, INVALID, DUPLICATE, DECEASED, UNVERIFIED, IDENTITY_MISMATCH, INELIGIBLE, CASH, PENDING, DISPATCHED, ACCEPTED, PAID,
  REJECTED, RETURNED, UNCOLLECTED;

  /**
   * SQL over a payment row {@code p}: how a PAID payment was paid (ACCOUNT, or CASH when it has no
   * bank account: paid at the payment point); null before it is paid.
   */
  static final String METHOD = "case when p.status <> 'PAID' then null when p.wallet_provider is not null then 'WALLET'"
      + " when p.bank_bin is null then 'CASH' else 'ACCOUNT' end";

  /**
   * SQL: the row is one of its bank file's transfers. A row stopped by validation keeps its file
   * number (the numbering stays as counted) but is never written into the file nor reported on.
   */
  static final String IN_ITS_FILE = "status in ('PENDING', 'DISPATCHED', 'ACCEPTED', 'PAID', 'REJECTED', 'RETURNED')";
}
