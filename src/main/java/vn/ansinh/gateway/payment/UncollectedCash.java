package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A cash payment the payment point has not recorded within {@code gateway.payments.cash-collect-within}
 * of its batch's approval becomes UNCOLLECTED and goes back to the paying agency (SPEC §4.16). Each
 * step moves at most {@code gateway.cash.sweep-limit} payments in one transaction; instances skip
 * the rows another is moving, and a row moved meanwhile is no longer CASH, so two instances never
 * move or report one payment twice.
 */
@Component
public class UncollectedCash {

  private static final Logger log = LoggerFactory.getLogger(UncollectedCash.class);
  private static final String REASON = "not recorded as paid at the payment point in time";
  private static final String SWEEP = """
      with due as (
        select p.batch_key, p.row_no from payment p join payment_batch b on b.batch_key = p.batch_key
        where p.bank_bin is null and p.status = 'CASH' and b.approved_at is not null and b.approved_at < ?
          and b.status <> 'REJECTED'
        order by p.batch_key, p.row_no limit ? for update of p skip locked
      )
      update payment p set status = 'UNCOLLECTED', status_reason = ?
      from due where p.batch_key = due.batch_key and p.row_no = due.row_no and p.status = 'CASH'
      returning p.batch_key, p.payment_id, p.beneficiary_id, p.amount_vnd, p.personal_id, p.representative_id is not null,
                (select owner from payment_batch b where b.batch_key = p.batch_key), p.row_no
      """;

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final CashPayouts payouts;
  private final CashCollection collection;
  private final CashProperties cash;
  private final Clock clock;

  public UncollectedCash(JdbcTemplate jdbc, TransactionTemplate tx, CashPayouts payouts, CashCollection collection,
      CashProperties cash, Clock clock) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.payouts = payouts;
    this.collection = collection;
    this.cash = cash;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${gateway.cash.sweep-every-ms:3600000}", initialDelayString = "${gateway.cash.sweep-every-ms:3600000}")
  void scheduled() {
    try {
      sweep();
    } catch (RuntimeException e) {
      log.warn("The uncollected-cash sweep failed; it runs again later: {}", e.toString());
    }
  }

  /** Moves every cash payment due, a step at a time; the number moved. */
  public int sweep() {
    int moved = 0;
    int step;
    do {
      step = tx.execute(s -> step());
      moved += step;
    } while (step == cash.sweepLimit());
    return moved;
  }

  private int step() {
    Timestamp before = Timestamp.from(clock.instant().minus(collection.cashCollectWithin()));
    Map<Long, List<PaymentReports.Result>> byBatch = new TreeMap<>();
    Map<Long, String> owners = new TreeMap<>();
    Map<Long, List<Integer>> rows = new TreeMap<>();
    jdbc.query(SWEEP, rs -> {
      long batch = rs.getLong(1);
      owners.put(batch, rs.getString(7));
      rows.computeIfAbsent(batch, k -> new ArrayList<>()).add(rs.getInt(8));
      byBatch.computeIfAbsent(batch, k -> new ArrayList<>()).add(new PaymentReports.Result(rs.getString(2),
          rs.getString(3), PaymentStatus.UNCOLLECTED, REASON, rs.getLong(4), rs.getString(5), null,
          rs.getBoolean(6)));
    }, before, cash.sweepLimit(), REASON);
    int moved = 0;
    for (var batch : byBatch.entrySet()) {
      payouts.moved(batch.getKey(), PaymentStatus.UNCOLLECTED, rows.get(batch.getKey()), "uncollected-sweep");
      try {
        payouts.tell(batch.getKey(), owners.get(batch.getKey()), batch.getValue());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("payment results could not be written", e);
      }
      moved += batch.getValue().size();
    }
    return moved;
  }
}
