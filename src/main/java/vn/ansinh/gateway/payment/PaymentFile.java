package vn.ansinh.gateway.payment;

import java.time.Instant;

/** One planned bank file: its payments are those of the batch with this bank and file number. */
public record PaymentFile(String fileId, long batchKey, String bankBin, int fileSeq, long txCount, long ctrlSum,
    String status, Instant createdAt, Instant deliveredAt) {}
