package vn.ansinh.gateway.payment;

/** Where a payment batch is in its cycle (SPEC §4.4). */
public enum BatchStatus {
  RECEIVED, VALIDATING, REJECTED, AWAITING_APPROVAL, APPROVED, DISPATCHING, DISPATCHED, PARTIALLY_SETTLED, SETTLED
}
