package vn.ansinh.gateway.payment;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import vn.ansinh.gateway.citizen.NameKey;
import vn.ansinh.gateway.error.Violation;

/**
 * Streams a batch's rows into the payment table with PostgreSQL's COPY, in the caller's
 * transaction: rows go to the server as they are read, a buffer of about 64 KiB at a time.
 */
final class PaymentCopy {

  private static final int FLUSH_AT = 64 * 1024;
  private static final int NAME_KEYS = 50_000;
  private static final String COPY = "copy payment (batch_key, row_no, payment_id, beneficiary_id, personal_id,"
      + " full_name, amount_vnd, bank_bin, account_number, province_code, commune_code, purpose, status, errors,"
      + " file_seq, name_key, date_of_birth, household_id, wallet_provider, wallet_id)"
      + " from stdin";
  private final CopyIn copy;
  private final String batchKey;
  private final StringBuilder buffer = new StringBuilder(FLUSH_AT + 4096);
  // names repeat a great deal in a province's list: each is reduced to its key once
  private final Map<String, Long> nameKeys = new HashMap<>();

  PaymentCopy(Connection connection, long batchKey) throws SQLException {
    this.copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY);
    this.batchKey = Long.toString(batchKey);
  }

  /** A row that passed the row checks: PENDING in its planned file, or RECEIVED when its account is to be found. */
  void valid(int row, PaymentRow r, long amount, long fileSeq) throws SQLException {
    valid(row, r, amount, fileSeq, null, null);
  }

  /** The same, with a relief row's date of birth and household. */
  void valid(int row, PaymentRow r, long amount, long fileSeq, LocalDate born, String household) throws SQLException {
    start(row);
    field(r.paymentId());
    field(r.beneficiaryId());
    field(r.personalId());
    field(r.fullName());
    buffer.append(amount).append('\t');
    field(r.bankBin());
    field(r.accountNumber());
    field(r.provinceCode());
    field(r.communeCode());
    field(r.purpose());
    if (r.walletProvider() != null) {   // PENDING in its provider's order, which validation plans
      buffer.append(PaymentStatus.PENDING.name()).append("\t\\N\t\\N\t");
    } else if (fileSeq < 0) {
      buffer.append(PaymentStatus.RECEIVED.name()).append("\t\\N\t\\N\t");
    } else {
      buffer.append(PaymentStatus.PENDING.name()).append("\t\\N\t").append(fileSeq).append('\t');
    }
    buffer.append(nameKey(r.fullName())).append('\t');
    buffer.append(born == null ? "\\N" : born.toString()).append('\t');
    field(household);
    field(r.walletProvider());
    buffer.append(r.walletId() == null ? "\\N" : WalletRules.normalized(r.walletId())).append('\n');
    flushIfFull();
  }

  /**
   * An invalid row keeps its payment id (clipped), its amount if it is a whole number (of any sign and
   * size), and its errors: none of the personal data.
   */
  void invalid(int row, String paymentId, BigInteger amount, List<Violation> violations) throws SQLException {
    start(row);
    // a control character (a NUL above all, which PostgreSQL text cannot hold) leaves the id out
    boolean storable = paymentId != null && paymentId.chars().noneMatch(Character::isISOControl);
    field(!storable ? null : paymentId.length() <= 64 ? paymentId : paymentId.substring(0, 64));
    buffer.append("\\N\t\\N\t\\N\t");
    if (amount != null) {   // kept so that the reconciliation adds up to the received sum
      buffer.append(amount).append('\t');
    } else {
      buffer.append("\\N\t");
    }
    buffer.append("\\N\t\\N\t\\N\t\\N\t\\N\t").append(PaymentStatus.INVALID.name()).append('\t');
    StringBuilder errors = new StringBuilder();
    for (Violation v : violations) {
      errors.append(v.field()).append('\t').append(v.reason()).append('\n');
    }
    field(errors.toString());
    // file_seq, name_key, date_of_birth, household_id, wallet_provider, wallet_id
    buffer.append("\\N\t\\N\t\\N\t\\N\t\\N\t\\N\n");
    flushIfFull();
  }

  long finish() throws SQLException {
    flush();
    return copy.endCopy();
  }

  void cancel() {
    try {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    } catch (SQLException e) {
      // the transaction is rolled back anyway
    }
  }

  private long nameKey(String name) {
    Long key = nameKeys.get(name);
    if (key == null) {
      if (nameKeys.size() >= NAME_KEYS) {
        nameKeys.clear();
      }
      key = NameKey.of(name);
      nameKeys.put(name, key);
    }
    return key;
  }

  private void start(int row) {
    buffer.append(batchKey).append('\t').append(row).append('\t');
  }

  /** A value in COPY's text format: backslash escapes, \N for null, then the tab. */
  private void field(String v) {
    if (v == null) {
      buffer.append("\\N");
    } else {
      for (int i = 0; i < v.length(); i++) {
        char c = v.charAt(i);
        switch (c) {
          case '\\' -> buffer.append("\\\\");
          case '\t' -> buffer.append("\\t");
          case '\n' -> buffer.append("\\n");
          case '\r' -> buffer.append("\\r");
          default -> buffer.append(c);
        }
      }
    }
    buffer.append('\t');
  }

  private void flushIfFull() throws SQLException {
    if (buffer.length() >= FLUSH_AT) {
      flush();
    }
  }

  private void flush() throws SQLException {
    if (!buffer.isEmpty()) {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buffer.setLength(0);
    }
  }
}
