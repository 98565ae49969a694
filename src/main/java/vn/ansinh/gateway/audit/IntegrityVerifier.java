package vn.ansinh.gateway.audit;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyInputStream;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the stored chain in sequence order (streamed, never all in memory) and finds the first
 * edited, deleted, inserted or reordered row, or a signed checkpoint that does not hold
 * ({@link ChainWalk}). A long range is cut into consecutive segments walked at the same time, one
 * per core, each on its own connection but all in the one database snapshot the walk started
 * with, while the writer keeps appending; each segment starts from the stored hash just before it,
 * which the segment before checks, so the segments together check exactly what one walk would.
 */
@Service
public class IntegrityVerifier {

  /** Below this many events one cursor is as quick as several. */
  private static final long SPLIT_FROM = 100_000;
  private static final int MAX_SEGMENTS = 4;
  /**
   * Rows are read in key order from the primary key. Without this, stale statistics (a table
   * filled since the last ANALYZE) let the planner sort a whole segment on disk instead.
   */
  private static final String KEY_ORDER = "set local enable_sort = off";
  private static final Pattern SNAPSHOT_ID = Pattern.compile("[0-9A-Fa-f-]+");

  private final DataSource dataSource;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate readOnly;
  private final int segments;
  private final long splitFrom;

  @Autowired
  public IntegrityVerifier(DataSource dataSource, TransactionTemplate tx) {
    this(dataSource, tx, Math.max(1, Math.min(MAX_SEGMENTS, Runtime.getRuntime().availableProcessors())), SPLIT_FROM);
  }

  /** {@code segments} walked together for ranges of at least {@code splitFrom} events. */
  IntegrityVerifier(DataSource dataSource, TransactionTemplate tx, int segments, long splitFrom) {
    this.dataSource = dataSource;
    this.jdbc = new JdbcTemplate(dataSource);
    this.readOnly = new TransactionTemplate(tx.getTransactionManager());
    this.readOnly.setReadOnly(true);
    // one snapshot for the head and the rows, while the writer keeps appending
    this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.segments = segments;
    this.splitFrom = splitFrom;
  }

  public IntegrityReport verify(Instant from, Instant to) {
    return readOnly.execute(status -> walk(from, to));
  }

  private IntegrityReport walk(Instant from, Instant to) {
    Long firstSeq = boundary("min", ">=", from);
    Long lastSeq = boundary("max", "<", to);
    AuditStore.ChainHead head = jdbc.queryForObject("select last_seq, last_hash from audit_chain_head where id = 1",
        (rs, i) -> new AuditStore.ChainHead(rs.getLong(1), rs.getString(2)));
    if (firstSeq == null || lastSeq == null || lastSeq < firstSeq) {
      // no event in the window; an empty table with a head that has moved means rows were deleted
      if (from == null && to == null && head.lastSeq() > 0) {
        return IntegrityReport.broken(0, null, 1, "events recorded by the chain head are missing");
      }
      return IntegrityReport.ok(0, null, null, 0);
    }
    long start = from == null ? 1 : firstSeq;
    String anchor = start == 1 ? AuditChain.GENESIS_HASH : storedHash(start - 1);
    if (from == null && firstSeq > 1) {
      // the oldest events may have gone to a retention archive: then a signed cut explains the gap
      String cut = retentionCut(firstSeq - 1);
      if (cut != null) {
        start = firstSeq;
        anchor = cut;
      }
    }
    long end = lastSeq;

    Map<Long, ChainWalk.Checkpoint> checkpoints = new HashMap<>();
    jdbc.query("select seq, head_hash, key_id, signature from audit_checkpoint where seq >= ? and seq <= ?",
        rs -> {
          checkpoints.put(rs.getLong(1), new ChainWalk.Checkpoint(rs.getString(2), rs.getString(3), rs.getString(4)));
        }, start, end);
    Map<String, String> keys = new HashMap<>();
    jdbc.query("select key_id, public_key from audit_signing_key", rs -> {
      keys.put(rs.getString(1), rs.getString(2));
    });

    List<ChainWalk> walks = walkSegments(start, end, anchor, checkpoints, keys);
    long events = 0;
    long signed = 0;
    for (ChainWalk w : walks) {
      events += w.events();
      signed += w.checkpoints();
      if (w.broken()) {
        return IntegrityReport.broken(events, start, w.brokenSeq(), w.reason());
      }
    }
    ChainWalk last = walks.get(walks.size() - 1);
    if (to == null && (last.expectedSeq() - 1 != head.lastSeq() || !last.lastHash().equals(head.lastHash()))) {
      return IntegrityReport.broken(events, start, last.expectedSeq(), "the chain ends before the recorded head");
    }
    return IntegrityReport.ok(events, start, last.expectedSeq() - 1, signed);
  }

  /** The range in consecutive segments, walked together when it is long; in sequence order. */
  private List<ChainWalk> walkSegments(long start, long end, String anchor, Map<Long, ChainWalk.Checkpoint> checkpoints,
      Map<String, String> keys) {
    long length = end - start + 1;
    int n = length < splitFrom ? 1 : segments;
    if (n == 1) {
      jdbc.execute(KEY_ORDER);
      ChainWalk walk = new ChainWalk(start, anchor, checkpoints, keys);
      jdbc.execute((Connection c) -> {
        walkSegment(c, walk, start, end);
        return null;
      });
      return List.of(walk);
    }
    String snapshot = jdbc.queryForObject("select pg_export_snapshot()", String.class);
    List<ChainWalk> walks = new ArrayList<>();
    ExecutorService pool = Executors.newFixedThreadPool(n, r -> new Thread(r, "audit-verify"));
    try {
      List<Future<?>> running = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        long a = start + length * i / n;
        long b = start + length * (i + 1) / n - 1;
        // a segment links to the stored hash before it; the segment before checks that hash
        ChainWalk walk = new ChainWalk(a, i == 0 ? anchor : storedHash(a - 1), checkpoints, keys);
        walks.add(walk);
        running.add(pool.submit(() -> inSnapshot(snapshot, walk, a, b)));
      }
      for (Future<?> f : running) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while verifying the audit trail", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException("verifying the audit trail failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
    return walks;
  }

  /** Walks a segment on a connection of its own that sees exactly the check's snapshot. */
  private Void inSnapshot(String snapshot, ChainWalk walk, long a, long b) throws SQLException {
    if (!SNAPSHOT_ID.matcher(snapshot).matches()) {
      throw new IllegalStateException("unexpected snapshot id");
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (Statement s = c.createStatement()) {
          s.execute("set transaction isolation level repeatable read, read only");
          s.execute("set transaction snapshot '" + snapshot + "'");
          s.execute(KEY_ORDER);
        }
        walkSegment(c, walk, a, b);
      } finally {
        c.rollback();
        c.setAutoCommit(true);
      }
    }
    return null;
  }

  /**
   * Streams the segment's rows with COPY in PostgreSQL's binary format — one continuous stream the
   * database keeps filling while the rows are hashed, no timestamp text to format and parse — and
   * walks them.
   */
  private static void walkSegment(Connection c, ChainWalk walk, long a, long b) throws SQLException {
    String copy = "copy (select " + AuditStore.COLUMNS + " from audit_event where seq >= " + a + " and seq <= " + b
        + " order by seq) to stdout (format binary)";
    try (BinaryCopyRows rows = new BinaryCopyRows(new PGCopyInputStream(c.unwrap(PGConnection.class), copy))) {
      // read to the end even after a break: a COPY left half-read would be cancelled out of band, and
      // that cancel can land on whatever statement the pooled connection runs next
      while (rows.next()) {
        long seq = rows.int8();
        Instant at = rows.timestamp();
        AuditEvent.Direction direction = AuditEvent.Direction.valueOf(rows.text());
        AuditEvent e = new AuditEvent(at, direction, rows.text(), rows.text(), rows.text(), rows.text(), rows.text(),
            rows.text(), rows.int4(), rows.int4(), rows.text(), rows.text(), rows.text(), rows.text(), rows.text());
        String prevHash = rows.text();
        String hash = rows.text();
        if (!walk.broken()) {
          walk.next(seq, prevHash, e, hash);
        }
      }
    } catch (IOException e) {
      throw new SQLException("reading the audit trail failed", e);
    }
    if (!walk.broken() && walk.expectedSeq() != b + 1) {
      walk.fail(walk.expectedSeq(), "sequence number " + walk.expectedSeq() + " is missing");
    }
  }

  private Long boundary(String fn, String op, Instant at) {
    if (at == null) {
      return jdbc.queryForObject("select " + fn + "(seq) from audit_event", Long.class);
    }
    return jdbc.queryForObject("select " + fn + "(seq) from audit_event where occurred_at " + op + " ?",
        Long.class, Timestamp.from(at));
  }

  /** The chain hash at a retention cut, when a cut was made there and its checkpoint's signature holds. */
  private String retentionCut(long seq) {
    List<String[]> cut = jdbc.query("select c.head_hash, k.public_key, c.signature from audit_retention_cut r"
        + " join audit_checkpoint c on c.seq = r.seq join audit_signing_key k on k.key_id = c.key_id where r.seq = ?",
        (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, seq);
    if (cut.isEmpty() || !AuditSigningKey.verifies(cut.get(0)[1], seq, cut.get(0)[0], cut.get(0)[2])) {
      return null;
    }
    return cut.get(0)[0];
  }

  private String storedHash(long seq) {
    List<String> hashes = jdbc.queryForList("select hash from audit_event where seq = ?", String.class, seq);
    return hashes.isEmpty() ? null : hashes.get(0);
  }
}
