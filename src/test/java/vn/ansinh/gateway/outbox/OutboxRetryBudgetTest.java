package vn.ansinh.gateway.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.GatewayHttpTest;

/** Failing work is retried for a duration, however many attempts that takes, then dead-lettered. */
class OutboxRetryBudgetTest extends GatewayHttpTest {

  private static final Duration DAY = Duration.ofHours(24);
  private static final Duration CAP = Duration.ofMinutes(10);

  @Autowired
  Outbox outbox;

  @Autowired
  JdbcTemplate jdbc;

  private long item() {
    // due only far in the future, so no worker claims it while the test moves it
    return jdbc.queryForObject("insert into outbox (kind, owner, subject, status, attempts, next_attempt_at, created_at,"
        + " updated_at) values ('budget-test', 'dolisa-demo', 'B', 'PENDING', 0, now() + interval '1 day', now(), now())"
        + " returning id", Long.class);
  }

  private String status(long id) {
    return jdbc.queryForObject("select status from outbox where id = ?", String.class, id);
  }

  @Test
  void aBankDownForHoursIsRetriedFarBeyondEightAttempts() {
    long id = item();
    for (int attempt = 1; attempt <= 30; attempt++) {
      assertThat(outbox.retryLater(id, attempt, "bank-970405 answered HTTP 503", CAP, DAY)).isTrue();
    }
    assertThat(status(id)).isEqualTo("PENDING");
  }

  @Test
  void whenTheNextAttemptWouldFallOutsideTheBudgetTheItemIsDeadLettered() {
    long id = item();
    assertThat(outbox.retryLater(id, 1, "bank-970405 answered HTTP 503", CAP, DAY)).isTrue();
    jdbc.update("update outbox set retrying_since = now() - interval '23 hours 55 minutes' where id = ?", id);

    assertThat(outbox.retryLater(id, 2, "bank-970405 answered HTTP 503", CAP, DAY)).isFalse();
    assertThat(status(id)).isEqualTo("DEAD");
    assertThat(jdbc.queryForObject("select last_error from outbox where id = ?", String.class, id)).contains("503");

    // a replay starts a new budget: without it, the round begun 23 h 55 min ago would end at once
    assertThat(outbox.replay(id)).isTrue();
    jdbc.update("update outbox set next_attempt_at = now() + interval '1 day' where id = ?", id);
    assertThat(outbox.retryLater(id, 1, "bank-970405 answered HTTP 503", CAP, DAY)).isTrue();
  }
}
