package vn.ansinh.gateway.audit;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Audit search, filtered and paged in the database, newest first. */
@Repository
public class AuditSearch {

  private final JdbcTemplate jdbc;

  public AuditSearch(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public List<ChainedAuditEvent> find(AuditQuery q) {
    StringBuilder sql = new StringBuilder("select ").append(AuditStore.COLUMNS).append(" from audit_event where true");
    List<Object> args = new ArrayList<>();
    if (q.from() != null) {
      sql.append(" and occurred_at >= ?");
      args.add(Timestamp.from(q.from()));
    }
    if (q.to() != null) {
      sql.append(" and occurred_at < ?");
      args.add(Timestamp.from(q.to()));
    }
    equal(sql, args, "partner", q.partner());
    equal(sql, args, "service", q.service());
    equal(sql, args, "operation", q.operation());
    equal(sql, args, "outcome", q.outcome());
    equal(sql, args, "request_id", q.requestId());
    equal(sql, args, "subject_hash", q.subjectHash());
    equal(sql, args, "trace_id", q.traceId());
    sql.append(" order by seq desc limit ? offset ?");
    args.add(q.size());
    args.add((long) q.page() * q.size());
    return jdbc.query(sql.toString(), (rs, i) -> AuditStore.map(rs), args.toArray());
  }

  private static void equal(StringBuilder sql, List<Object> args, String column, String value) {
    if (value != null && !value.isBlank()) {
      sql.append(" and ").append(column).append(" = ?");
      args.add(value);
    }
  }
}
