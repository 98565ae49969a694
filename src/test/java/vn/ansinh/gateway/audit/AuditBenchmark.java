package vn.ansinh.gateway.audit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Benchmark B3 (BENCHMARKS.md), run by {@code ./mvnw -Pbench verify}: hash-chained audit writes fed by
 * concurrent producers at the writer's entry point ({@link AuditTrail#record}), beside plain batched
 * inserts of the same rows into the same table in the same run; then a full verification of the
 * chain (after one verification that warms the walk up). Prints {@code BENCH} lines and appends them to target/bench/results-audit.txt.
 */
public final class AuditBenchmark {

  private AuditBenchmark() {}

  public static void main(String[] args) throws Exception {
    int events = Integer.parseInt(System.getProperty("bench.audit.events", "1000000"));
    int producers = Integer.parseInt(System.getProperty("bench.audit.producers", "8"));
    Path results = Path.of(System.getProperty("bench.audit.results", "target/bench/results-audit.txt"));
    Path keys = Files.createTempDirectory("audit-bench-keys");
    List<String> lines = new ArrayList<>();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      DataSource db = postgres.getPostgresDatabase();
      Flyway.configure().dataSource(db).locations("classpath:db/migration").load().migrate();
      JdbcTemplate jdbc = new JdbcTemplate(db);
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
      AuditStore store = new AuditStore(jdbc, tx);

      // the raw limit: the same rows, batched, no chaining, no queue (then removed again)
      long rawStart = System.nanoTime();
      List<ChainedAuditEvent> batch = new ArrayList<>(1000);
      for (int i = 0; i < events; i++) {
        AuditEvent e = event(i);
        batch.add(new ChainedAuditEvent(i + 1L, e, AuditChain.GENESIS_HASH, AuditChain.GENESIS_HASH));
        if (batch.size() == 1000 || i == events - 1) {
          jdbc.batchUpdate(AuditStore.INSERT, batch, batch.size(), AuditStore::bind);
          batch.clear();
        }
      }
      double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
      jdbc.execute("alter table audit_event disable trigger audit_event_no_truncate");
      jdbc.execute("truncate audit_event");
      jdbc.execute("alter table audit_event enable trigger audit_event_no_truncate");
      jdbc.execute("vacuum analyze audit_event");

      AuditProperties properties = new AuditProperties("bench-subject-key-0123456789abcdef0123456789", 200_000, 1000,
          Duration.ofMillis(20), null, 1000, Duration.ofSeconds(10), Duration.ofSeconds(1));
      AuditTrail trail = new AuditTrail(store, properties, new SimpleMeterRegistry(), AuditSigningKey.load(null, keys));
      trail.start();
      CountDownLatch done = new CountDownLatch(producers);
      long start = System.nanoTime();
      for (int p = 0; p < producers; p++) {
        int from = p * (events / producers);
        int to = p == producers - 1 ? events : from + events / producers;
        new Thread(() -> {
          for (int i = from; i < to; i++) {
            trail.record(event(i));
          }
          done.countDown();
        }, "producer-" + p).start();
      }
      done.await();
      while (trail.pending() > 0) {
        Thread.sleep(5);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      trail.stop();

      // the first check also compiles the walk; a running gateway has usually done that already,
      // so the figure is the second check, and the first is printed beside it
      IntegrityVerifier verifier = new IntegrityVerifier(db, tx);
      long firstStart = System.nanoTime();
      IntegrityReport first = verifier.verify(null, null);
      double firstSeconds = (System.nanoTime() - firstStart) / 1e9;
      long verifyStart = System.nanoTime();
      IntegrityReport report = verifier.verify(null, null);
      double verifySeconds = (System.nanoTime() - verifyStart) / 1e9;

      lines.add(line("audit_events_per_s", events / seconds, "events/s"));
      lines.add(line("audit_raw_insert_events_per_s", events / rawSeconds, "events/s"));
      lines.add(line("audit_vs_raw_ratio", seconds / rawSeconds, "ratio"));
      lines.add(line("audit_verify_events_per_s", report.events() / verifySeconds, "events/s"));
      lines.add(line("audit_verify_seconds", verifySeconds, "s"));
      lines.add(line("audit_verify_first_seconds", firstSeconds, "s"));
      lines.add("BENCH audit_verified " + (report.verified() && first.verified() && report.events() == events ? 1 : 0)
          + " bool");
      lines.add("BENCH audit_checkpoints " + report.checkpoints() + " count");
    }
    Files.createDirectories(results.getParent());
    Files.write(results, lines, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    lines.forEach(AuditBenchmark::print);
  }

  private static AuditEvent event(int i) {
    return new AuditEvent(Instant.now(), AuditEvent.Direction.INBOUND, "dolisa-demo", "VN/GOV/DOLISA-40/BTXH",
        "x-road-" + i, "citizen-verification", "verifyCitizen", "OK", 200, 12, "bench-" + i,
        "a".repeat(64), "b".repeat(64), "c".repeat(64));
  }

  private static String line(String name, double value, String unit) {
    return String.format(java.util.Locale.ROOT, "BENCH %s %.2f %s", name, value, unit);
  }

  @SuppressWarnings("java:S106")
  private static void print(String line) {
    System.out.println(line);
  }
}
