package vn.ansinh.gateway.payment;

import java.math.BigInteger;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.beneficiary.BankDirectory;
import vn.ansinh.gateway.beneficiary.Program;
import vn.ansinh.gateway.error.DatabaseUnavailableException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.reference.AdministrativeUnits;
import vn.ansinh.gateway.relief.ReliefProgram;

/**
 * Takes a payment list in: every row is checked and streamed into the database as it is read,
 * and the batch, its rows and its validation work commit together before the 202. A valid row
 * with an account is PENDING in its bank file from the start; validation stops the few that must
 * not be paid, which leaves gaps in files but never moves a payment to another one. A list whose
 * control totals do not match what arrived is kept as REJECTED with its invalid rows, so that the
 * payer sees what to fix; its other rows are dropped. Sums are exact whatever the amounts.
 */
@Service
public class PaymentSubmission {

  static final String VALIDATION = "payment-batch-validation";
  static final int MAX_AMOUNT_LENGTH = 1000;   // longer is no amount: the whole list is refused (numeric has limits too)
  private static final int SHOWN_DIGITS = 30;  // longer numbers are described, not quoted, in a status reason
  private static final int MAX_FOLLOWED_VALUES = 1_500_000;  // per column: 16 MB of heap at most; longer lists are compared whole
  private static final int MAX_LISTED_ROWS = 100_000;        // more rows that may repeat: the whole list is compared, as fast
  private final PaymentBatches batches;
  private final BankDirectory banks;
  private final Outbox outbox;
  private final DataSource dataSource;
  private final PaymentLimits limits;
  private final JdbcTemplate jdbc;
  private final AdministrativeUnits units;
  private final WalletDirectory wallets;
  private final int perFile;

  public PaymentSubmission(PaymentBatches batches, BankDirectory banks, Outbox outbox, DataSource dataSource,
      PaymentProperties properties, PaymentLimits limits, JdbcTemplate jdbc, AdministrativeUnits units,
      WalletDirectory wallets) {
    this.wallets = wallets;
    this.batches = batches;
    this.banks = banks;
    this.outbox = outbox;
    this.dataSource = dataSource;
    this.limits = limits;
    this.jdbc = jdbc;
    this.units = units;
    this.perFile = properties.maxTransactionsPerFile();
  }

  /** What the payer declares about its list; {@code relief} is the relief program a relief list is paid from. */
  public record Declaration(String program, String period, long controlCount, BigInteger controlSum,
      ReliefProgram relief) {

    public Declaration(String program, String period, long controlCount, BigInteger controlSum) {
      this(program, period, controlCount, controlSum, null);
    }
  }

  @Transactional
  public String submit(String owner, Declaration declared, Iterator<PaymentRow> rows) {
    String batchId = UUID.randomUUID().toString();
    long key = batches.create(batchId, owner, declared.program(), declared.period(), declared.controlCount(),
        declared.controlSum());
    ReliefProgram relief = declared.relief();
    ReliefRowRules reliefRows = relief == null ? null : new ReliefRowRules(relief);
    if (relief != null) {
      batches.reliefProgram(key, relief.key());
    }
    // a relief row must carry the program's amount exactly (ReliefRowRules): no other ceiling applies
    long maxAmount = relief != null ? Long.MAX_VALUE : limits.maxAmount(Program.valueOf(declared.program()));
    // a row is for its period: its codes are read against the list valid on the period's first day (a relief
    // row's against the list valid on the decision date)
    AdministrativeUnits.Codes codes = units.codesOn(relief != null ? relief.decidedOn()
        : YearMonth.parse(declared.period()).atDay(1));
    Connection connection = DataSourceUtils.getConnection(dataSource);
    PaymentCopy copy = null;
    try {
      copy = new PaymentCopy(connection, key);
      int row = 0;
      ExactSum sum = new ExactSum();
      long invalid = 0;
      // a row with an account gets its bank file now; one stopped later leaves a gap, never a move
      Map<String, long[]> perBank = new HashMap<>();
      // the rows that may repeat another's payment id, person or household: validation compares only these
      RepeatedValues paymentIds = new RepeatedValues(MAX_FOLLOWED_VALUES, MAX_LISTED_ROWS);
      RepeatedValues people = new RepeatedValues(MAX_FOLLOWED_VALUES, MAX_LISTED_ROWS);
      RepeatedValues households = relief == null ? null : new RepeatedValues(MAX_FOLLOWED_VALUES, MAX_LISTED_ROWS);
      while (rows.hasNext()) {
        PaymentRow r = rows.next();
        row++;
        if (r.amountVnd() != null && r.amountVnd().length() > MAX_AMOUNT_LENGTH) {
          throw new InvalidRequestException(List.of(new Violation("amountVnd", row,
              "has more than " + MAX_AMOUNT_LENGTH + " characters: that is no amount")));
        }
        BigInteger amount = PaymentRules.amountOf(r);
        if (amount != null) {
          sum.add(amount);
        }
        List<Violation> violations = PaymentRules.check(r, amount, maxAmount, banks, relief == null);
        violations.addAll(codes.check(r.provinceCode(), r.communeCode()));
        LocalDate born = null;
        if (reliefRows != null) {
          born = reliefRows.bornOn(r);
          reliefRows.check(r, amount, born, violations);
        }
        violations.addAll(WalletRules.check(r.walletProvider(), r.walletId(), r.bankBin(), r.accountNumber(), wallets));
        if (violations.isEmpty()) {
          // a wallet row is in its batch's one order for its provider: no file number
          long fileSeq = r.bankBin() == null ? -1 : perBank.computeIfAbsent(r.bankBin(), b -> new long[1])[0]++ / perFile;
          copy.valid(row, r, amount.longValueExact(), fileSeq, born, relief == null ? null : r.householdId());
          paymentIds.add(r.paymentId(), row);
          people.add(r.personalId(), row);
          if (households != null) {
            households.add(r.householdId(), row);
          }
        } else {
          invalid++;
          copy.invalid(row, r.paymentId(), amount, violations);
        }
      }
      copy.finish();
      if (row != declared.controlCount() || !sum.value().equals(declared.controlSum())) {
        // the invalid rows stay, listed under the batch's errors; nothing else of it is ever paid
        jdbc.update("delete from payment where batch_key = ? and status <> 'INVALID'", key);
        batches.received(key, row, sum.value(), invalid, BatchStatus.REJECTED,
            "the control totals do not match the list: declared " + declared.controlCount() + " rows and "
            + shown(declared.controlSum()) + " VND, received " + row + " rows and " + shown(sum.value()) + " VND");
        return batchId;
      }
      listRepeats(connection, key, "payment_id", paymentIds);
      listRepeats(connection, key, "personal_id", people);
      if (households != null) {
        listRepeats(connection, key, "household_id", households);
      }
      batches.received(key, row, sum.value(), invalid, BatchStatus.VALIDATING, null);
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

  /** What validation compares for {@code column}: the rows the intake listed, unless it gave up (then no row). */
  private void listRepeats(Connection connection, long key, String column, RepeatedValues values) throws SQLException {
    Optional<int[]> rows = values.rows();
    if (rows.isPresent()) {
      Array rowNos = connection.unwrap(PGConnection.class).createArrayOf("int4", rows.get());
      jdbc.update("insert into payment_repeat_rows (batch_key, key_column, row_nos) values (?, ?, ?)", key, column,
          rowNos);
    }
  }

  /** A sum as a status reason shows it: in full, or its length when it is absurdly long. */
  private static String shown(BigInteger sum) {
    String digits = sum.toString();
    return digits.length() <= SHOWN_DIGITS ? digits : "a " + digits.length() + "-character number of";
  }
}
