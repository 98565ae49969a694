package vn.ansinh.gateway.beneficiary;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Answers already given to pushes, by partner and Idempotency-Key. */
@Repository
public class IdempotentRequests {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  public IdempotentRequests(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public Optional<Answer> find(String partner, String key) {
    return jdbc.query("select body_sha256, status, response from idempotent_request where partner = ? and idem_key = ?",
        (rs, i) -> new Answer(rs.getString(1), rs.getInt(2), rs.getString(3)), partner, key).stream().findFirst();
  }

  public void remember(String partner, String key, Answer answer) {
    jdbc.update("insert into idempotent_request (partner, idem_key, body_sha256, status, response, created_at)"
        + " values (?, ?, ?, ?, ?, ?)", partner, key, answer.bodySha256(), answer.status(), answer.response(),
        Timestamp.from(clock.instant()));
  }

  public record Answer(String bodySha256, int status, String response) {}
}
