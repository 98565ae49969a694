package vn.ansinh.gateway.audit;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Walks the whole audit chain every {@code gateway.audit.verify-every} (and whenever someone asks
 * {@code /audit/integrity} for all of it), and publishes the outcome for the dashboard and the
 * alert on a broken chain: when the last walk ran, whether it found a break, and the newest signed
 * checkpoint it confirmed.
 */
@Component
public class AuditVerifications {

  private static final Logger log = LoggerFactory.getLogger(AuditVerifications.class);

  private final IntegrityVerifier verifier;
  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final AtomicLong broken = new AtomicLong();
  private final AtomicLong verifiedAt = new AtomicLong();
  private final AtomicLong verifiedCheckpoint = new AtomicLong();

  public AuditVerifications(IntegrityVerifier verifier, JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
    this.verifier = verifier;
    this.jdbc = jdbc;
    this.clock = clock;
    Gauge.builder("gateway.audit.verification.broken", broken, AtomicLong::get)
        .description("1 when the last walk of the whole audit chain found a break, else 0").register(meters);
    Gauge.builder("gateway.audit.verification.timestamp", verifiedAt, AtomicLong::get).baseUnit("seconds")
        .description("When the whole audit chain was last walked (Unix time); 0 before the first walk").register(meters);
    Gauge.builder("gateway.audit.verified.checkpoint.sequence", verifiedCheckpoint, AtomicLong::get)
        .description("Newest signed checkpoint the last unbroken walk confirmed").register(meters);
  }

  @Scheduled(initialDelayString = "${gateway.audit.verify-first-after:2m}",
      fixedDelayString = "${gateway.audit.verify-every:1h}")
  public void verifyAll() {
    try {
      record(verifier.verify(null, null));
    } catch (RuntimeException e) {
      log.warn("Audit chain not verified this round: {}", e.getClass().getSimpleName());   // the next round tries again
    }
  }

  /** Publishes the outcome of a walk of the whole chain. */
  public void record(IntegrityReport report) {
    verifiedAt.set(clock.instant().getEpochSecond());
    broken.set(report.verified() ? 0 : 1);
    if (report.verified() && report.lastSeq() != null) {
      Long checkpoint = jdbc.queryForObject("select max(seq) from audit_checkpoint where seq <= ?", Long.class,
          report.lastSeq());
      verifiedCheckpoint.set(checkpoint == null ? 0 : checkpoint);
    }
    if (!report.verified()) {
      log.error("Audit chain broken at sequence number {}: {}", report.firstBrokenSeq(), report.reason());
    }
  }
}
