package vn.ansinh.gateway.audit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Retention: events older than {@code gateway.audit.retention.max-age} are archived to a signed
 * export under {@code archive-dir} and then removed, oldest first, with a signed checkpoint left at
 * the cut, so the chain still verifies from there. Off when the age is zero.
 */
@Component
public class AuditRetention implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);
  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final AuditExport export;
  private final AuditStore store;
  private final AuditSigningKey key;
  private final Clock clock;
  private final Duration maxAge;
  private final Duration every;
  private final Path archiveDir;
  private ScheduledExecutorService timer;

  public AuditRetention(JdbcTemplate jdbc, TransactionTemplate tx, AuditExport export, AuditStore store,
      AuditSigningKey key, Clock clock, @Value("${gateway.audit.retention.max-age}") Duration maxAge,
      @Value("${gateway.audit.retention.every}") Duration every,
      @Value("${gateway.audit.retention.archive-dir}") Path archiveDir) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.export = export;
    this.store = store;
    this.key = key;
    this.clock = clock;
    this.maxAge = maxAge;
    this.every = every;
    this.archiveDir = archiveDir;
  }

  /** One cut: what was removed and where its archive is. */
  public record Cut(long lastSeq, long removed, Path archive) {}

  /** Archives and removes the events older than {@code before}; empty when there are none. */
  public Optional<Cut> cut(Instant before) {
    Long last = jdbc.queryForObject("select max(seq) from audit_event where occurred_at < ?", Long.class,
        Timestamp.from(before));
    if (last == null) {
      return Optional.empty();
    }
    Path archive = archiveDir.resolve("audit-archive-up-to-" + last + ".zip");
    try {
      Files.createDirectories(archiveDir);
      Path part = archiveDir.resolve(archive.getFileName() + ".part");
      try (OutputStream out = Files.newOutputStream(part)) {
        export.write(null, null, last, out);
      }
      Files.move(part, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Long removed = tx.execute(status -> {
      store.checkpointAt(last, key);
      jdbc.execute("set local ansinh.audit_retention = 'on'");
      int n = jdbc.update("delete from audit_event where seq <= ?", last);
      jdbc.update("insert into audit_retention_cut (seq, archive, removed, cut_at) values (?, ?, ?, ?)", last,
          archive.toString(), n, Timestamp.from(clock.instant()));
      return (long) n;
    });
    log.info("Audit retention: {} events up to seq {} archived to {} and removed", removed, last, archive);
    return Optional.of(new Cut(last, removed == null ? 0 : removed, archive));
  }

  @Override
  public void start() {
    if (maxAge.isZero()) {
      return;
    }
    timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "audit-retention");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(() -> {
      try {
        cut(clock.instant().minus(maxAge));
      } catch (RuntimeException e) {
        log.warn("Audit retention did not run: {}", e.getMessage());
      }
    }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void stop() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }

  @Override
  public boolean isRunning() {
    return timer != null;
  }
}
