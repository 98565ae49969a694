package vn.ansinh.gateway.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;
import vn.ansinh.gateway.outbox.OutboxProperties;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.outbox.OutboxWorkersHealth;

/** Liveness fails when the instance can do no work: a pool exhausted for long, an outbox worker stuck. */
class LivenessHealthTest {

  @Test
  void aPoolExhaustedForLongerThanTheLimitFailsLivenessAndRecovers() throws Exception {
    HikariPoolMXBean pool = mock(HikariPoolMXBean.class);
    HikariDataSource dataSource = mock(HikariDataSource.class);
    when(dataSource.isWrapperFor(HikariDataSource.class)).thenReturn(true);
    when(dataSource.unwrap(HikariDataSource.class)).thenReturn(dataSource);
    when(dataSource.getHikariPoolMXBean()).thenReturn(pool);
    DatabasePoolHealth health = new DatabasePoolHealth(dataSource, Duration.ofMillis(200));

    when(pool.getIdleConnections()).thenReturn(0);
    when(pool.getThreadsAwaitingConnection()).thenReturn(4);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);   // exhausted just now: a busy moment
    Thread.sleep(300);
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

    when(pool.getIdleConnections()).thenReturn(2);
    when(pool.getThreadsAwaitingConnection()).thenReturn(0);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
  }

  @Test
  void anOutboxWorkerOnOneItemLongerThanStuckAfterFailsLiveness() {
    OutboxWorker workers = mock(OutboxWorker.class);
    OutboxProperties properties = new OutboxProperties(2, Duration.ofMillis(200), Duration.ofHours(24),
        Duration.ofSeconds(2), Duration.ofMinutes(10), Duration.ofMinutes(30), Duration.ofSeconds(10));
    OutboxWorkersHealth health = new OutboxWorkersHealth(workers, properties);

    when(workers.longestBusy()).thenReturn(Duration.ofMinutes(2));
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    when(workers.longestBusy()).thenReturn(Duration.ofMinutes(31));
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
  }
}
