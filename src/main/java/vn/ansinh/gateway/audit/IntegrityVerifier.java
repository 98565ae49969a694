package vn.ansinh.gateway.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the stored chain in sequence order (streamed, never all in memory) and finds the first
 * edited, deleted, inserted or reordered row: a gap in the sequence, a link that does not point at
 * the previous hash, or a hash that does not match the row's content.
 */
@Service
public class IntegrityVerifier {

  private static final int FETCH_SIZE = 5000;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate readOnly;

  public IntegrityVerifier(DataSource dataSource, TransactionTemplate tx) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setFetchSize(FETCH_SIZE);
    this.readOnly = new TransactionTemplate(tx.getTransactionManager());
    this.readOnly.setReadOnly(true);
    // one snapshot for the head and the rows, while the writer keeps appending
    this.readOnly.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
  }

  public IntegrityReport verify(Instant from, Instant to) {
    return readOnly.execute(status -> walk(from, to));
  }

  private IntegrityReport walk(Instant from, Instant to) {
    Long firstSeq = boundary("min", ">=", from);
    Long lastSeq = boundary("max", "<", to);
    AuditStore.ChainHead head = jdbc.queryForObject("select last_seq, last_hash from audit_chain_head where id = 1",
        (rs, i) -> new AuditStore.ChainHead(rs.getLong(1), rs.getString(2)));
    if (firstSeq == null) {
      // an empty table with a head that has moved means rows were deleted
      if (from == null && to == null && head.lastSeq() > 0) {
        return IntegrityReport.broken(0, null, 1, "events recorded by the chain head are missing");
      }
      return IntegrityReport.ok(0, null, null);
    }
    long start = from == null ? 1 : firstSeq;
    long end = to == null ? Long.MAX_VALUE : lastSeq;
    String anchor = start == 1 ? AuditChain.GENESIS_HASH : predecessorHash(start);

    Walk walk = new Walk(start, anchor);
    jdbc.query("select " + AuditStore.COLUMNS + " from audit_event where seq >= ? and seq <= ? order by seq",
        rs -> {
          if (walk.broken == null) {
            walk.check(AuditStore.map(rs));
          }
        }, start, end);
    if (walk.broken != null) {
      return IntegrityReport.broken(walk.count, start, walk.broken, walk.reason);
    }
    if (to == null && (walk.expectedSeq - 1 != head.lastSeq() || !walk.prevHash.equals(head.lastHash()))) {
      return IntegrityReport.broken(walk.count, start, walk.expectedSeq, "the chain ends before the recorded head");
    }
    return IntegrityReport.ok(walk.count, start, walk.expectedSeq - 1);
  }

  private Long boundary(String fn, String op, Instant at) {
    if (at == null) {
      return jdbc.queryForObject("select " + fn + "(seq) from audit_event", Long.class);
    }
    return jdbc.queryForObject("select " + fn + "(seq) from audit_event where occurred_at " + op + " ?",
        Long.class, Timestamp.from(at));
  }

  private String predecessorHash(long seq) {
    List<String> hashes = jdbc.queryForList("select hash from audit_event where seq = ?", String.class, seq - 1);
    return hashes.isEmpty() ? null : hashes.get(0);
  }

  private static final class Walk {
    long expectedSeq;
    String prevHash;
    long count;
    Long broken;
    String reason;

    Walk(long start, String anchor) {
      this.expectedSeq = start;
      this.prevHash = anchor;
    }

    void check(ChainedAuditEvent row) {
      count++;
      if (row.seq() != expectedSeq) {
        fail(expectedSeq, "sequence number " + expectedSeq + " is missing");
      } else if (prevHash != null && !prevHash.equals(row.prevHash())) {
        fail(row.seq(), "the link to the previous event does not match");
      } else if (!AuditChain.hash(row.seq(), row.prevHash(), row.event()).equals(row.hash())) {
        fail(row.seq(), "the event's content does not match its hash");
      } else {
        prevHash = row.hash();
        expectedSeq++;
      }
    }

    private void fail(long seq, String why) {
      broken = seq;
      reason = why;
    }
  }
}
