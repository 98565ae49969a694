package vn.ansinh.gateway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What an operator watches that lives in the database, not in one instance: outbox depth and age,
 * dead letters, payment batches by status, the audit chain's head and last signed checkpoint, read
 * every {@code gateway.metrics.refresh} with a few indexed queries; and the payments of open batches
 * by status, every {@code gateway.metrics.payments-refresh} (deploy/monitoring: dashboard and alerts).
 * Never per scrape; every instance reports the same figures (take the max).
 */
@Component
public class StateGauges {

  private static final Logger log = LoggerFactory.getLogger(StateGauges.class);
  /** Statuses a batch leaves on its own within minutes; AWAITING_APPROVAL waits for people, on purpose. */
  private static final List<String> IN_MOTION = List.of("RECEIVED", "VALIDATING", "APPROVED", "DISPATCHING");
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final MultiGauge outboxItems;
  private final MultiGauge outboxAge;
  private final MultiGauge batches;
  private final MultiGauge batchAge;
  private final MultiGauge openPayments;
  private final AtomicLong chainHead = new AtomicLong();
  private final AtomicLong checkpoint = new AtomicLong();
  private final AtomicLong checkpointSignedAt = new AtomicLong();

  public StateGauges(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.clock = clock;
    outboxItems = MultiGauge.builder("gateway.outbox.items")
        .description("Outbox items waiting (PENDING) or dead-lettered (DEAD), by kind").register(meters);
    outboxAge = MultiGauge.builder("gateway.outbox.oldest.pending.age").baseUnit("seconds")
        .description("Age of the oldest waiting outbox item, by kind").register(meters);
    batches = MultiGauge.builder("gateway.payment.batches")
        .description("Payment batches by status").register(meters);
    batchAge = MultiGauge.builder("gateway.payment.batch.oldest").baseUnit("seconds")
        .description("Time the oldest batch has been in a status that is not final, by status").register(meters);
    openPayments = MultiGauge.builder("gateway.payment.batch.payments")
        .description("Payments of batches not settled or rejected yet, by payment status: the cycle's progress")
        .register(meters);
    Gauge.builder("gateway.audit.chain.head.sequence", chainHead, AtomicLong::get)
        .description("Sequence number of the last audit event in the chain").register(meters);
    Gauge.builder("gateway.audit.checkpoint.sequence", checkpoint, AtomicLong::get)
        .description("Last audit event covered by a signed checkpoint").register(meters);
    Gauge.builder("gateway.audit.checkpoint.signed.timestamp", checkpointSignedAt, AtomicLong::get)
        .baseUnit("seconds").description("When the last checkpoint was signed (Unix time)").register(meters);
  }

  @Scheduled(initialDelayString = "${gateway.metrics.refresh:15s}", fixedDelayString = "${gateway.metrics.refresh:15s}")
  public void refresh() {
    try {
      Instant now = clock.instant();
      List<MultiGauge.Row<?>> items = new ArrayList<>();
      List<MultiGauge.Row<?>> ages = new ArrayList<>();
      for (String status : List.of("PENDING", "DEAD")) {
        jdbc.query("select kind, count(*), min(created_at) from outbox where status = '" + status + "' group by kind",
            rs -> {
              items.add(MultiGauge.Row.of(Tags.of("kind", rs.getString(1), "status", status), rs.getLong(2)));
              if ("PENDING".equals(status)) {
                ages.add(MultiGauge.Row.of(Tags.of("kind", rs.getString(1)), secondsSince(rs.getTimestamp(3), now)));
              }
            });
      }
      outboxItems.register(items, true);
      outboxAge.register(ages, true);
      List<MultiGauge.Row<?>> byStatus = new ArrayList<>();
      List<MultiGauge.Row<?>> oldest = new ArrayList<>();
      jdbc.query("select status, count(*), min(updated_at) from payment_batch group by status", rs -> {
        String status = rs.getString(1);
        byStatus.add(MultiGauge.Row.of(Tags.of("status", status), rs.getLong(2)));
        if (IN_MOTION.contains(status)) {
          oldest.add(MultiGauge.Row.of(Tags.of("status", status), secondsSince(rs.getTimestamp(3), now)));
        }
      });
      batches.register(byStatus, true);
      batchAge.register(oldest, true);
      chainHead.set(jdbc.queryForObject("select last_seq from audit_chain_head where id = 1", Long.class));
      jdbc.query("select seq, signed_at from audit_checkpoint order by seq desc limit 1", rs -> {
        checkpoint.set(rs.getLong(1));
        checkpointSignedAt.set(rs.getTimestamp(2).toInstant().getEpochSecond());
      });
    } catch (RuntimeException e) {
      log.warn("State gauges not refreshed: {}", e.getClass().getSimpleName());   // the next round tries again
    }
  }

  /**
   * The payments of open batches by status: one pass over their rows (a million-row month takes
   * 0.2-0.6 s of a database core), so on its own, slower schedule, {@code gateway.metrics.payments-refresh}.
   */
  @Scheduled(initialDelayString = "${gateway.metrics.payments-refresh:60s}",
      fixedDelayString = "${gateway.metrics.payments-refresh:60s}")
  public void refreshPayments() {
    try {
      List<MultiGauge.Row<?>> payments = new ArrayList<>();
      jdbc.query("select p.status, count(*) from payment_batch b join payment p on p.batch_key = b.batch_key"
          + " where b.status not in ('SETTLED', 'REJECTED') group by p.status",
          rs -> {
            payments.add(MultiGauge.Row.of(Tags.of("status", rs.getString(1)), rs.getLong(2)));
          });
      openPayments.register(payments, true);
    } catch (RuntimeException e) {
      log.warn("Payment gauges not refreshed: {}", e.getClass().getSimpleName());   // the next round tries again
    }
  }

  private static double secondsSince(Timestamp t, Instant now) {
    return t == null ? 0 : Math.max(0, now.getEpochSecond() - t.toInstant().getEpochSecond());
  }
}
