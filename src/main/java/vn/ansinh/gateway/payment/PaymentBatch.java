package vn.ansinh.gateway.payment;

import java.math.BigInteger;
import java.time.Instant;

/** A payment batch as stored: who pays what, for which period, and how far it got. Sums are exact. */
public record PaymentBatch(long key, String batchId, String owner, String program, String period,
    BatchStatus status, String statusReason, long declaredCount, BigInteger declaredSum, long receivedCount,
    BigInteger receivedSum, long invalidCount, Long duplicateCount, Long deceasedCount, Long cashCount,
    BigInteger cashSum, Long bankCount, BigInteger bankSum, String approvedBy, Instant approvedAt, Instant createdAt,
    Instant updatedAt) {}
