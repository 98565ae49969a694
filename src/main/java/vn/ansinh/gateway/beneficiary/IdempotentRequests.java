package vn.ansinh.gateway.beneficiary;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.InvalidRequestException;

/** Answers already given to pushes, by partner and Idempotency-Key. */
@Repository
public class IdempotentRequests {

  private static final int MAX_KEY = 200;   // idempotent_request.idem_key
  private static final Pattern KEY = Pattern.compile("\\p{Graph}{1," + MAX_KEY + "}");
  private final JdbcTemplate jdbc;
  private final Clock clock;

  public IdempotentRequests(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A key the store can hold: 1-200 visible ASCII characters. */
  public static void checkKey(String name, String key) {
    if (key == null || !KEY.matcher(key).matches()) {
      throw new InvalidRequestException(name, "is required: 1 to " + MAX_KEY + " visible ASCII characters");
    }
  }

  /**
   * Holds pushes under the same partner and key one after another until the transaction ends, so
   * the second of two identical pushes finds the first one's answer instead of racing it.
   */
  public void lock(String partner, String key) {
    jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 0))", Object.class,
        "idempotent_request|" + partner + '|' + key);
  }

  public Optional<Answer> find(String partner, String key) {
    return jdbc.query("select body_sha256, status, response from idempotent_request where partner = ? and idem_key = ?",
        (rs, i) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3)), partner, key).stream().findFirst();
  }

  /** Keeps the answer; a push that got here first under the same key (without {@link #lock}) wins: 409, rolled back. */
  public void remember(String partner, String key, Answer answer) {
    int stored = jdbc.update("insert into idempotent_request (partner, idem_key, body_sha256, status, response, created_at)"
        + " values (?, ?, ?, ?, ?, ?) on conflict (partner, idem_key) do nothing", partner, key, answer.bodySha256(),
        answer.status(), answer.response(), Timestamp.from(clock.instant()));
    if (stored == 0) {
      throw new ConflictException("'" + key + "' was answered meanwhile; send it again for the stored answer");
    }
  }

  public record Answer(String bodySha256, int status, String response) {}
}
