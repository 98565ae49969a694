package vn.ansinh.gateway.payment;

import java.time.Instant;

/** A payment batch as stored: who pays what, for which period, and how far it got. */
public record PaymentBatch(long key, String batchId, String owner, String program, String period,
    BatchStatus status, String statusReason, long declaredCount, long declaredSum, long receivedCount,
    long receivedSum, long invalidCount, Long duplicateCount, Long deceasedCount, Long cashCount, Long cashSum,
    Long bankCount, Long bankSum, String approvedBy, Instant approvedAt, Instant createdAt, Instant updatedAt) {}
