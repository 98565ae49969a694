package vn.ansinh.gateway.payment;

/**
 * Where one payment is. {@code RECEIVED} is the gateway's own: a row that passed the row checks
 * and waits for the batch-level ones (duplicates, the deceased, the account mapping).
 */
public enum PaymentStatus {
  RECEIVED, INVALID, DUPLICATE, DECEASED, UNVERIFIED, IDENTITY_MISMATCH, CASH, PENDING, DISPATCHED, ACCEPTED, PAID, REJECTED, RETURNED
}
