package vn.ansinh.gateway.payment;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.ansinh.gateway.events.DomainEvents;

/** The payment_batch table: one row per submitted list, with its totals and status. */
@Repository
public class PaymentBatches {

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final DomainEvents events;

  public PaymentBatches(JdbcTemplate jdbc, Clock clock, DomainEvents events) {
    this.events = events;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** Creates the batch in the caller's transaction and returns its internal key. */
  long create(String batchId, String owner, String program, String period, long declaredCount,
      BigInteger declaredSum) {
    Timestamp now = Timestamp.from(clock.instant());
    Long key = jdbc.queryForObject("insert into payment_batch (batch_id, owner, program, period, status, declared_count,"
        + " declared_sum, received_count, received_sum, invalid_count, created_at, updated_at)"
        + " values (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?) returning batch_key", Long.class, batchId, owner, program,
        period, BatchStatus.RECEIVED.name(), declaredCount, new BigDecimal(declaredSum), now, now);
    return key;
  }

  /** A relief list names the program it is paid from (SPEC §4.14). */
  void reliefProgram(long key, long programKey) {
    jdbc.update("update payment_batch set relief_program_key = ? where batch_key = ?", programKey, key);
  }

  void received(long key, long count, BigInteger sum, long invalid, BatchStatus status, String reason) {
    jdbc.update("update payment_batch set received_count = ?, received_sum = ?, invalid_count = ?, status = ?,"
        + " status_reason = ?, updated_at = ? where batch_key = ?", count, new BigDecimal(sum), invalid, status.name(),
        reason, Timestamp.from(clock.instant()), key);
    events.batch(key, "received");
  }

  /** The batch as partners read it: while a bank file or wallet order of it is dead-lettered, the status reason says which and why. */
  Optional<PaymentBatch> find(String batchId) {
    return jdbc.query("select b.*, (select 'bank file ' || f.file_id || ' for bank ' || f.bank_bin || ' is dead-lettered after '"
        + " || o.attempts || ' attempt(s): ' || coalesce(o.last_error, 'no reason recorded')"
        + " || '; it is sent again when an operator replays it' from payment_file f join outbox o on o.subject = f.file_id"
        + " and o.kind = '" + PaymentBatchService.FILE_DELIVERY + "' and o.status = 'DEAD'"
        + " where f.batch_key = b.batch_key order by f.file_id limit 1) as dead_letter,"
        // a wallet provider's payment order likewise (SPEC §4.15)
        + " (select 'wallet order ' || w.order_id || ' for ' || w.provider || ' is dead-lettered after '"
        + " || o.attempts || ' attempt(s): ' || coalesce(o.last_error, 'no reason recorded')"
        + " || '; it is sent again, as the same order, when an operator replays it' from wallet_order w join outbox o"
        + " on o.subject = w.order_id and o.kind = '" + WalletOrders.DELIVERY + "' and o.status = 'DEAD'"
        + " where w.batch_key = b.batch_key order by w.order_id limit 1) as dead_order"
        + " from payment_batch b where b.batch_id = ?", PaymentBatches::mapWithDeadLetter, batchId).stream()
        .findFirst();
  }

  private static PaymentBatch mapWithDeadLetter(ResultSet rs, int row) throws SQLException {
    PaymentBatch b = map(rs, row);
    String deadLetter = rs.getString("dead_letter") != null ? rs.getString("dead_letter") : rs.getString("dead_order");
    if (deadLetter == null || (b.status() != BatchStatus.APPROVED && b.status() != BatchStatus.DISPATCHING)) {
      return b;
    }
    return new PaymentBatch(b.key(), b.batchId(), b.owner(), b.program(), b.period(), b.status(), deadLetter,
        b.declaredCount(), b.declaredSum(), b.receivedCount(), b.receivedSum(), b.invalidCount(), b.duplicateCount(),
        b.deceasedCount(), b.cashCount(), b.cashSum(), b.bankCount(), b.bankSum(), b.approvedBy(), b.approvedAt(),
        b.createdAt(), b.updatedAt());
  }

  Optional<PaymentBatch> find(long key) {
    return jdbc.query("select * from payment_batch where batch_key = ?", PaymentBatches::map, key).stream()
        .findFirst();
  }

  /** Locks the batch row for the rest of the transaction: status changes of one batch go one at a time. */
  Optional<PaymentBatch> lock(String batchId) {
    return jdbc.query("select * from payment_batch where batch_id = ? for update", PaymentBatches::map, batchId)
        .stream().findFirst();
  }

  Optional<PaymentBatch> lock(long key) {
    return jdbc.query("select * from payment_batch where batch_key = ? for update", PaymentBatches::map, key)
        .stream().findFirst();
  }

  void status(long key, BatchStatus status, String reason) {
    jdbc.update("update payment_batch set status = ?, status_reason = ?, updated_at = ? where batch_key = ?",
        status.name(), reason, Timestamp.from(clock.instant()), key);
    events.batch(key, "status-changed");
  }

  /**
   * After one of the batch's files or wallet orders was marked delivered: DISPATCHING, or DISPATCHED
   * once none is left. Each delivery decides under the batch's lock after marking its own, so the
   * last to take the lock sees every other one committed. Written only when the status changes.
   */
  void dispatchProgressed(long key) {
    BatchStatus now = lock(key).orElseThrow().status();
    if (now != BatchStatus.APPROVED && now != BatchStatus.DISPATCHING) {
      return;
    }
    Long left = jdbc.queryForObject("select (select count(*) from payment_file where batch_key = ? and status = 'PLANNED')"
        + " + (select count(*) from wallet_order where batch_key = ? and status = 'PLANNED')", Long.class, key, key);
    BatchStatus next = left == null || left == 0 ? BatchStatus.DISPATCHED : BatchStatus.DISPATCHING;
    if (next != now) {
      status(key, next, null);
    }
  }

  void validated(long key, Totals t) {
    jdbc.update("update payment_batch set duplicate_count = ?, deceased_count = ?, cash_count = ?, cash_sum = ?,"
        + " bank_count = ?, bank_sum = ?, updated_at = ? where batch_key = ?", t.duplicates(), t.deceased(),
        t.cash(), new BigDecimal(t.cashSum()), t.bank(), new BigDecimal(t.bankSum()), Timestamp.from(clock.instant()),
        key);
    events.batch(key, "validated");
  }

  void approved(long key, String approver, Instant at) {
    jdbc.update("update payment_batch set status = ?, status_reason = null, approved_by = ?, approved_at = ?,"
        + " updated_at = ? where batch_key = ?", BatchStatus.APPROVED.name(), approver, Timestamp.from(at),
        Timestamp.from(clock.instant()), key);
    events.batch(key, "approved");
  }

  /** The event stream hears of payment status changes through here, grouped (see {@link DomainEvents}). */
  void paymentsDecided(long key) {
    events.paymentsOfBatch(key, "validation");
  }

  void paymentsDispatched(long key, List<Integer> rows, String fileId) {
    events.paymentsMoved(key, "bank-file " + fileId, PaymentStatus.DISPATCHED.name(), rows);
  }

  void paymentsDispatchedToWallet(long key, List<Integer> rows, String orderId) {
    events.paymentsMoved(key, "wallet-order " + orderId, PaymentStatus.DISPATCHED.name(), rows);
  }

  void paymentsChanged(long key, List<Integer> rows, String cause) {
    events.paymentRows(key, rows, cause);
  }

  /** The eligibility gate's progress and stops: null until known. */
  record Eligibility(Long peopleToVerify, Long peopleVerified, Long unverified, Long identityMismatch, Long ineligible) {}

  Eligibility eligibility(long key) {
    return jdbc.queryForObject("select people_to_verify, people_verified, unverified_count, identity_mismatch_count,"
        + " ineligible_count from payment_batch where batch_key = ?", (rs, i) -> new Eligibility((Long) rs.getObject(1),
        (Long) rs.getObject(2), (Long) rs.getObject(3), (Long) rs.getObject(4), (Long) rs.getObject(5)), key);
  }

  void verificationStarted(long key, long people) {
    jdbc.update("update payment_batch set people_to_verify = ?, people_verified = 0 where batch_key = ?", people, key);
  }

  void peopleVerified(long key, long people) {
    jdbc.update("update payment_batch set people_verified = people_verified + ? where batch_key = ?", people, key);
  }

  /** The last row the gate has verified every person up to; 0 before it starts. */
  int verifiedThroughRow(long key) {
    Integer row = jdbc.queryForObject("select verified_through_row from payment_batch where batch_key = ?",
        Integer.class, key);
    return row == null ? 0 : row;
  }

  void verifiedThroughRow(long key, int row) {
    jdbc.update("update payment_batch set verified_through_row = ? where batch_key = ?", row, key);
  }

  void stopped(long key, long unverified, long identityMismatch, long ineligible) {
    jdbc.update("update payment_batch set unverified_count = ?, identity_mismatch_count = ?, ineligible_count = ?"
        + " where batch_key = ?", unverified, identityMismatch, ineligible, key);
  }

  /** What validation found, in counts and sums of đồng. */
  record Totals(long duplicates, long deceased, long cash, BigInteger cashSum, long bank, BigInteger bankSum) {}

  /** A sum of đồng from a numeric column (or a SQL sum), exactly; null stays null. */
  static BigInteger sumOf(ResultSet rs, int column) throws SQLException {
    BigDecimal v = rs.getBigDecimal(column);
    return v == null ? null : v.toBigIntegerExact();
  }

  static BigInteger sumOf(ResultSet rs, String column) throws SQLException {
    return sumOf(rs, rs.findColumn(column));
  }

  private static PaymentBatch map(ResultSet rs, int row) throws SQLException {
    Timestamp approved = rs.getTimestamp("approved_at");
    return new PaymentBatch(rs.getLong("batch_key"), rs.getString("batch_id"), rs.getString("owner"),
        rs.getString("program"), rs.getString("period"), BatchStatus.valueOf(rs.getString("status")),
        rs.getString("status_reason"), rs.getLong("declared_count"), sumOf(rs, "declared_sum"),
        rs.getLong("received_count"), sumOf(rs, "received_sum"), rs.getLong("invalid_count"),
        (Long) rs.getObject("duplicate_count"), (Long) rs.getObject("deceased_count"),
        (Long) rs.getObject("cash_count"), sumOf(rs, "cash_sum"), (Long) rs.getObject("bank_count"),
        sumOf(rs, "bank_sum"), rs.getString("approved_by"), approved == null ? null : approved.toInstant(),
        rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
  }
}
