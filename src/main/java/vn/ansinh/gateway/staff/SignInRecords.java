package vn.ansinh.gateway.staff;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * What a staff sign-in holds between requests, in PostgreSQL so that any instance serves any step
 * of it (migration V19): the authorization-code flow's authorizations, found by id, state, or a
 * SHA-256 of the code or the access token, for a few minutes; and the count of wrong passwords in
 * a row per staff user, with the lock it led to.
 */
@Repository
public class SignInRecords {

  /** What an authorization is looked up by. */
  public enum Key {
    ID("id = ?"), STATE("state = ?"), CODE_HASH("code_hash = ?"), TOKEN_HASH("access_token_hash = ?");

    private final String condition;

    Key(String condition) {
      this.condition = condition;
    }
  }

  private final JdbcTemplate jdbc;

  public SignInRecords(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Keeps (or replaces) an authorization until {@code until}; expired ones go on the way. */
  public void keepAuthorization(String id, String state, String codeHash, String tokenHash, Instant now, Instant until,
      byte[] held) {
    jdbc.update("delete from sign_in_authorization where expires_at < ?", Timestamp.from(now));
    jdbc.update("""
        insert into sign_in_authorization (id, state, code_hash, access_token_hash, expires_at, held)
        values (?, ?, ?, ?, ?, ?)
        on conflict (id) do update set state = excluded.state, code_hash = excluded.code_hash,
          access_token_hash = excluded.access_token_hash, expires_at = excluded.expires_at, held = excluded.held
        """, id, state, codeHash, tokenHash, Timestamp.from(until), held);
  }

  public void forgetAuthorization(String id) {
    jdbc.update("delete from sign_in_authorization where id = ?", id);
  }

  /** The held authorization whose key has this value and that has not expired at {@code now}. */
  public Optional<byte[]> authorization(Key key, String value, Instant now) {
    List<byte[]> held = jdbc.query("select held from sign_in_authorization where " + key.condition
        + " and expires_at >= ? limit 1", (rs, i) -> rs.getBytes(1), value, Timestamp.from(now));
    return held.stream().findFirst();
  }

  /** Whether the staff user is locked out at {@code now}. */
  public boolean locked(String username, Instant now) {
    return Boolean.TRUE.equals(jdbc.query("select locked_until > ? from staff_lockout where username = ?",
        rs -> rs.next() && rs.getBoolean(1), Timestamp.from(now), username));
  }

  /**
   * One more wrong password; the {@code maxFailures}-th in a row locks until {@code lockUntil}, and the
   * count starts again after a lock. One statement, so two instances counting at once neither lose a
   * failure nor lock twice.
   */
  public void wrongPassword(String username, int maxFailures, Instant lockUntil) {
    jdbc.update("""
        insert into staff_lockout as l (username, failures, locked_until)
        values (?, 1, case when 1 >= cast(? as int) then cast(? as timestamptz) end)
        on conflict (username) do update set
          failures = case when l.locked_until is not null then 1 else l.failures + 1 end,
          locked_until = case when (case when l.locked_until is not null then 1 else l.failures + 1 end)
                              >= cast(? as int) then cast(? as timestamptz) end
        """, username, maxFailures, Timestamp.from(lockUntil), maxFailures, Timestamp.from(lockUntil));
  }

  /** A successful sign-in clears the count. */
  public void signedIn(String username) {
    jdbc.update("delete from staff_lockout where username = ?", username);
  }
}
