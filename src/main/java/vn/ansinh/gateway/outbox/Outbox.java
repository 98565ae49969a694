package vn.ansinh.gateway.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.ansinh.gateway.operations.Traces;

/** The outbox table. {@link #enqueue} joins the caller's transaction, so work and state commit together. */
@Repository
public class Outbox {

  private static final int MAX_ERROR = 500;
  private final JdbcTemplate jdbc;
  private final Clock clock;

  private final Traces traces;

  public Outbox(JdbcTemplate jdbc, Clock clock, Traces traces) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.traces = traces;
  }

  public void enqueue(String kind, String owner, String subject) {
    enqueueAt(kind, owner, subject, clock.instant());
  }

  /** Work that must not start before {@code due}: a step that waits for an agency to come back. */
  public void enqueueAt(String kind, String owner, String subject, Instant due) {
    Timestamp now = Timestamp.from(clock.instant());
    // the work continues the trace of whatever queued it
    jdbc.update("insert into outbox (kind, owner, subject, status, attempts, next_attempt_at, created_at, updated_at,"
        + " trace_parent) values (?, ?, ?, 'PENDING', 0, ?, ?, ?, ?)", kind, owner, subject, Timestamp.from(due), now, now,
        traces.currentTraceParent());
  }

  /** Locks one due item for the current transaction; other instances skip it rather than wait. */
  public Optional<OutboxItem> claimDue() {
    return jdbc.query("select * from outbox where status = 'PENDING' and next_attempt_at <= ? order by next_attempt_at, id"
        + " limit 1 for update skip locked", Outbox::map, Timestamp.from(clock.instant())).stream().findFirst();
  }

  public void done(long id) {
    jdbc.update("update outbox set status = 'DONE', updated_at = ? where id = ?", Timestamp.from(clock.instant()), id);
  }

  /**
   * Schedules another attempt after {@code delay}, unless that would fall outside the retry budget
   * ({@code retryFor} from the round's first failure): then the item is dead-lettered. True when retried.
   */
  public boolean retryLater(long id, int attempts, String error, Duration delay, Duration retryFor) {
    Timestamp now = Timestamp.from(clock.instant());
    Timestamp next = Timestamp.from(clock.instant().plus(delay));
    Timestamp latestStart = Timestamp.from(clock.instant().minus(retryFor).plus(delay));
    return "PENDING".equals(jdbc.queryForObject("update outbox set attempts = ?, last_error = ?, next_attempt_at = ?,"
        + " updated_at = ?, retrying_since = coalesce(retrying_since, ?),"
        + " status = case when coalesce(retrying_since, ?) < ? then 'DEAD' else 'PENDING' end"
        + " where id = ? returning status", String.class, attempts, clip(error), next, now, now, now, latestStart, id));
  }

  public void dead(long id, int attempts, String error) {
    jdbc.update("update outbox set status = 'DEAD', attempts = ?, last_error = ?, updated_at = ? where id = ?",
        attempts, clip(error), Timestamp.from(clock.instant()), id);
  }

  public List<OutboxItem> deadLetters(int page, int size) {
    return jdbc.query("select * from outbox where status = 'DEAD' order by updated_at desc, id desc limit ? offset ?",
        Outbox::map, size, (long) page * size);
  }

  /** Puts a dead letter back in line with fresh attempts; false when there is no such dead letter. */
  public boolean replay(long id) {
    Timestamp now = Timestamp.from(clock.instant());
    return jdbc.update("update outbox set status = 'PENDING', attempts = 0, retrying_since = null, next_attempt_at = ?,"
        + " updated_at = ? where id = ? and status = 'DEAD'", now, now, id) == 1;
  }

  private static String clip(String error) {
    return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
  }

  private static OutboxItem map(ResultSet rs, int row) throws SQLException {
    return new OutboxItem(rs.getLong("id"), rs.getString("kind"), rs.getString("owner"), rs.getString("subject"),
        rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error"),
        rs.getTimestamp("updated_at").toInstant(), rs.getString("trace_parent"));
  }
}
