package vn.ansinh.gateway.audit;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Appends chained events to PostgreSQL and reads them back. */
@Repository
public class AuditStore {

  static final String COLUMNS = "seq, occurred_at, direction, partner, xroad_client, xroad_id, service, operation, "
      + "outcome, status, latency_ms, request_id, request_sha256, response_sha256, subject_hash, trace_id, prev_hash, hash";
  static final String INSERT = "insert into audit_event (" + COLUMNS
      + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;

  public AuditStore(JdbcTemplate jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /** Chains and stores a batch in one transaction; the head row lock orders writers of all instances. */
  public void append(List<AuditEvent> events) {
    tx.executeWithoutResult(status -> {
      ChainHead head = jdbc.queryForObject(
          "select last_seq, last_hash from audit_chain_head where id = 1 for update",
          (rs, i) -> new ChainHead(rs.getLong(1), rs.getString(2)));
      List<ChainedAuditEvent> chained = new ArrayList<>(events.size());
      long seq = head.lastSeq();
      String prev = head.lastHash();
      for (AuditEvent e : events) {
        ChainedAuditEvent c = AuditChain.append(++seq, prev, e);
        chained.add(c);
        prev = c.hash();
      }
      jdbc.batchUpdate(INSERT, chained, chained.size(), AuditStore::bind);
      jdbc.update("update audit_chain_head set last_seq = ?, last_hash = ? where id = 1", seq, prev);
    });
  }

  /** Signs the current chain head, unless it is signed already; the head row lock keeps it the head meanwhile. */
  void checkpoint(AuditSigningKey key) {
    tx.executeWithoutResult(status -> {
      ChainHead head = jdbc.queryForObject("select last_seq, last_hash from audit_chain_head where id = 1 for update",
          (rs, i) -> new ChainHead(rs.getLong(1), rs.getString(2)));
      if (head.lastSeq() > 0) {
        jdbc.update("insert into audit_checkpoint (seq, head_hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)"
            + " on conflict (seq) do nothing", head.lastSeq(), head.lastHash(), Timestamp.from(Instant.now()),
            key.keyId(), key.sign(head.lastSeq(), head.lastHash()));
      }
    });
  }

  /** Signs the chain at an event already stored (the cut of a retention run). */
  void checkpointAt(long seq, AuditSigningKey key) {
    String hash = jdbc.queryForObject("select hash from audit_event where seq = ?", String.class, seq);
    jdbc.update("insert into audit_checkpoint (seq, head_hash, signed_at, key_id, signature) values (?, ?, ?, ?, ?)"
        + " on conflict (seq) do nothing", seq, hash, Timestamp.from(Instant.now()), key.keyId(), key.sign(seq, hash));
  }

  /** Registers the audit key's public half; rotated keys stay, so older checkpoints still verify. */
  void register(AuditSigningKey key) {
    jdbc.update("insert into audit_signing_key (key_id, algorithm, public_key, created_at) values (?, ?, ?, ?)"
        + " on conflict (key_id) do nothing", key.keyId(), AuditSigningKey.ALGORITHM, key.publicKeyBase64(),
        Timestamp.from(Instant.now()));
  }

  /** The stored events after {@code seq}, oldest first, at most {@code limit} (the event stream's feed). */
  public List<ChainedAuditEvent> after(long seq, int limit) {
    return jdbc.query("select " + COLUMNS + " from audit_event where seq > ? order by seq limit ?",
        (rs, i) -> map(rs), seq, limit);
  }

  public ChainHead head() {
    return jdbc.queryForObject("select last_seq, last_hash from audit_chain_head where id = 1",
        (rs, i) -> new ChainHead(rs.getLong(1), rs.getString(2)));
  }

  static void bind(PreparedStatement ps, ChainedAuditEvent c) throws SQLException {
    AuditEvent e = c.event();
    ps.setLong(1, c.seq());
    ps.setTimestamp(2, Timestamp.from(e.occurredAt()));
    ps.setString(3, e.direction().name());
    ps.setString(4, e.partner());
    ps.setString(5, e.xroadClient());
    ps.setString(6, e.xroadId());
    ps.setString(7, e.service());
    ps.setString(8, e.operation());
    ps.setString(9, e.outcome());
    if (e.status() == null) {
      ps.setNull(10, Types.INTEGER);
    } else {
      ps.setInt(10, e.status());
    }
    ps.setInt(11, e.latencyMs());
    ps.setString(12, e.requestId());
    ps.setString(13, e.requestSha256());
    ps.setString(14, e.responseSha256());
    ps.setString(15, e.subjectHash());
    ps.setString(16, e.traceId());
    ps.setString(17, c.prevHash());
    ps.setString(18, c.hash());
  }

  static ChainedAuditEvent map(ResultSet rs) throws SQLException {
    int status = rs.getInt("status");
    Integer statusOrNull = rs.wasNull() ? null : status;
    AuditEvent e = new AuditEvent(
        rs.getTimestamp("occurred_at").toInstant(),
        AuditEvent.Direction.valueOf(rs.getString("direction")),
        rs.getString("partner"),
        rs.getString("xroad_client"),
        rs.getString("xroad_id"),
        rs.getString("service"),
        rs.getString("operation"),
        rs.getString("outcome"),
        statusOrNull,
        rs.getInt("latency_ms"),
        rs.getString("request_id"),
        rs.getString("request_sha256"),
        rs.getString("response_sha256"),
        rs.getString("subject_hash"),
        rs.getString("trace_id"));
    return new ChainedAuditEvent(rs.getLong("seq"), e, rs.getString("prev_hash"), rs.getString("hash"));
  }

  public record ChainHead(long lastSeq, String lastHash) {}
}
