package vn.ansinh.gateway.payment;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.beneficiary.BankDirectory;
import vn.ansinh.gateway.error.DatabaseUnavailableException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;

/**
 * Takes a payment list in: every row is checked and streamed into the database as it is read,
 * and the batch, its rows and its validation work commit together before the 202. A valid row
 * with an account is PENDING in its bank file from the start; validation stops the few that must
 * not be paid, which leaves gaps in files but never moves a payment to another one. A list whose
 * control totals do not match what arrived is kept as REJECTED, without its rows.
 */
@Service
public class PaymentSubmission {

  static final String VALIDATION = "payment-batch-validation";
  private final PaymentBatches batches;
  private final BankDirectory banks;
  private final Outbox outbox;
  private final DataSource dataSource;
  private final int perFile;

  public PaymentSubmission(PaymentBatches batches, BankDirectory banks, Outbox outbox, DataSource dataSource,
      PaymentProperties properties) {
    this.batches = batches;
    this.banks = banks;
    this.outbox = outbox;
    this.dataSource = dataSource;
    this.perFile = properties.maxTransactionsPerFile();
  }

  /** What the payer declares about its list. */
  public record Declaration(String program, String period, long controlCount, long controlSum) {}

  @Transactional
  public String submit(String owner, Declaration declared, Iterator<PaymentRow> rows) {
    String batchId = UUID.randomUUID().toString();
    long key = batches.create(batchId, owner, declared.program(), declared.period(), declared.controlCount(),
        declared.controlSum());
    Connection connection = DataSourceUtils.getConnection(dataSource);
    PaymentCopy copy = null;
    try {
      Savepoint beforeRows = connection.setSavepoint();
      copy = new PaymentCopy(connection, key);
      int row = 0;
      long sum = 0;
      long invalid = 0;
      // a row with an account gets its bank file now; one stopped later leaves a gap, never a move
      Map<String, long[]> perBank = new HashMap<>();
      while (rows.hasNext()) {
        PaymentRow r = rows.next();
        row++;
        long amount = PaymentRules.amountOf(r);
        if (amount > 0) {
          sum += amount;
        }
        List<Violation> violations = PaymentRules.check(r, banks);
        if (violations.isEmpty()) {
          long fileSeq = r.bankBin() == null ? -1 : perBank.computeIfAbsent(r.bankBin(), b -> new long[1])[0]++ / perFile;
          copy.valid(row, r, amount, fileSeq);
        } else {
          invalid++;
          copy.invalid(row, r.paymentId(), amount, violations);
        }
      }
      if (row != declared.controlCount() || sum != declared.controlSum()) {
        copy.cancel();
        connection.rollback(beforeRows);
        batches.received(key, row, sum, invalid, BatchStatus.REJECTED, "the control totals do not match the list: "
            + "declared " + declared.controlCount() + " rows and " + declared.controlSum() + " VND, received " + row
            + " rows and " + sum + " VND");
        return batchId;
      }
      copy.finish();
      batches.received(key, row, sum, invalid, BatchStatus.VALIDATING, null);
      outbox.enqueue(VALIDATION, owner, batchId);
      return batchId;
    } catch (SQLException e) {
      // a COPY left open holds the connection's lock: the rollback would wait on it for ever
      if (copy != null) {
        copy.cancel();
      }
      throw new DatabaseUnavailableException(e);
    } catch (RuntimeException e) {
      if (copy != null) {
        copy.cancel();
      }
      throw e;
    } finally {
      DataSourceUtils.releaseConnection(connection, dataSource);
    }
  }
}
