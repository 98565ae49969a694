package vn.ansinh.gateway.payment;

import java.math.BigInteger;
import java.time.Instant;

/**
 * One planned bank file: its payments are those of the batch with this bank and file number, all of
 * them between list rows {@code firstRow} and {@code lastRow} (which the queries for them scan).
 */
public record PaymentFile(String fileId, long batchKey, String bankBin, int fileSeq, long txCount, BigInteger ctrlSum,
    String status, Instant createdAt, Instant deliveredAt, int firstRow, int lastRow) {

  /** The condition on {@code payment} that finds this file's rows: batch, row range, bank and file number (in this order). */
  static final String ROWS = "batch_key = ? and row_no between ? and ? and bank_bin = ? and file_seq = ?";

  /** The values for {@link #ROWS}. */
  Object[] rows() {
    return new Object[] {batchKey, firstRow, lastRow, bankBin, fileSeq};
  }
}
