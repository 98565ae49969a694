package vn.ansinh.gateway.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param workers      threads per instance that claim and run due work
 * @param pollInterval how often an idle worker looks for due work
 * @param retryFor     how long failing work is retried, from its first failure, before it is dead-lettered
 * @param backoffBase  delay after the first failure; doubled after each further one, with jitter
 * @param backoffMax   the longest delay between two attempts
 * @param stuckAfter   a worker busy with one item for longer is stuck: liveness fails
 * @param drainFor     at shutdown, how long the items in hand may take to finish
 */
@ConfigurationProperties("gateway.outbox")
public record OutboxProperties(int workers, Duration pollInterval, Duration retryFor, Duration backoffBase,
    Duration backoffMax, Duration stuckAfter, Duration drainFor) {

  /** Exponential backoff with full jitter: a random delay up to base·2^(attempts-1), capped. */
  public Duration backoff(int attempts, double random) {
    long ceiling = Math.min(backoffMax.toMillis(), backoffBase.toMillis() << Math.min(attempts - 1, 20));
    return Duration.ofMillis(Math.max(backoffBase.toMillis() / 2, (long) (ceiling * random)));
  }
}
