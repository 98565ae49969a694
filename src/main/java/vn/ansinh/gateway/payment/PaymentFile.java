package vn.ansinh.gateway.payment;

import java.math.BigInteger;
import java.time.Instant;

/** One planned bank file: its payments are those of the batch with this bank and file number. */
public record PaymentFile(String fileId, long batchKey, String bankBin, int fileSeq, long txCount, BigInteger ctrlSum,
    String status, Instant createdAt, Instant deliveredAt) {}
