package vn.ansinh.gateway.outbox;

import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code outboxWorkers}, in the liveness group: DOWN when a worker has been on one item longer than {@code stuck-after}. */
@Component("outboxWorkersHealthIndicator")
public class OutboxWorkersHealth implements HealthIndicator {

  private final OutboxWorker workers;
  private final Duration stuckAfter;

  public OutboxWorkersHealth(OutboxWorker workers, OutboxProperties properties) {
    this.workers = workers;
    this.stuckAfter = properties.stuckAfter();
  }

  @Override
  public Health health() {
    Duration busy = workers.longestBusy();
    Health.Builder health = busy.compareTo(stuckAfter) > 0
        ? Health.down().withDetail("reason", "an outbox worker has been on one item for longer than " + stuckAfter)
        : Health.up();
    return health.withDetail("longestBusySeconds", busy.toSeconds()).build();
  }
}
