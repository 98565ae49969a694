package vn.ansinh.gateway.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Walks the stored chain in sequence order (streamed, never all in memory) and finds the first
 * edited, deleted, inserted or reordered row: a gap in the sequence, a link that does not point at
 * the previous hash, or a hash that does not match the row's content. Each signed checkpoint on
 * the way must name the hash found there and verify with a registered audit key, so a chain edited
 * and re-hashed from end to end is caught too.
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
      return IntegrityReport.ok(0, null, null, 0);
    }
    long start = from == null ? 1 : firstSeq;
    long end = to == null ? Long.MAX_VALUE : lastSeq;
    String anchor = start == 1 ? AuditChain.GENESIS_HASH : predecessorHash(start);
    if (from == null && firstSeq > 1) {
      // the oldest events may have gone to a retention archive: then a signed cut explains the gap
      String cut = retentionCut(firstSeq - 1);
      if (cut != null) {
        start = firstSeq;
        anchor = cut;
      }
    }

    Map<Long, String[]> checkpoints = new HashMap<>();
    jdbc.query("select seq, head_hash, key_id, signature from audit_checkpoint where seq >= ? and seq <= ?",
        rs -> {
          checkpoints.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3), rs.getString(4)});
        }, start, end);
    Map<String, String> keys = new HashMap<>();
    jdbc.query("select key_id, public_key from audit_signing_key", rs -> {
      keys.put(rs.getString(1), rs.getString(2));
    });
    Walk walk = new Walk(start, anchor, checkpoints, keys);
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
    return IntegrityReport.ok(walk.count, start, walk.expectedSeq - 1, walk.checkpoints);
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

  private String predecessorHash(long seq) {
    List<String> hashes = jdbc.queryForList("select hash from audit_event where seq = ?", String.class, seq - 1);
    return hashes.isEmpty() ? null : hashes.get(0);
  }

  private static final class Walk {
    final Map<Long, String[]> signed;   // seq → head hash, key id, signature
    final Map<String, String> keys;     // key id → public key
    long expectedSeq;
    String prevHash;
    long count;
    long checkpoints;
    Long broken;
    String reason;

    Walk(long start, String anchor, Map<Long, String[]> signed, Map<String, String> keys) {
      this.expectedSeq = start;
      this.prevHash = anchor;
      this.signed = signed;
      this.keys = keys;
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
        checkpoint(row.seq(), row.hash());
      }
    }

    private void checkpoint(long seq, String hash) {
      String[] c = signed.get(seq);
      if (c == null) {
        return;
      }
      String key = keys.get(c[1]);
      if (!c[0].equals(hash)) {
        fail(seq, "the signed checkpoint does not match the chain here");
      } else if (key == null) {
        fail(seq, "the checkpoint is signed with a key that was never registered");
      } else if (!AuditSigningKey.verifies(key, seq, hash, c[2])) {
        fail(seq, "the checkpoint's signature does not verify");
      } else {
        checkpoints++;
      }
    }

    private void fail(long seq, String why) {
      broken = seq;
      reason = why;
    }
  }
}
