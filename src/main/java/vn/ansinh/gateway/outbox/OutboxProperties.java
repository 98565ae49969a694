package vn.ansinh.gateway.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param workers      threads per instance that claim and run due work
 * @param pollInterval how often an idle worker looks for due work
 * @param maxAttempts  attempts before an item is dead-lettered
 * @param backoffBase  delay after the first failure; doubled after each further one, with jitter
 * @param backoffMax   the longest delay between two attempts
 */
@ConfigurationProperties("gateway.outbox")
public record OutboxProperties(int workers, Duration pollInterval, int maxAttempts, Duration backoffBase,
    Duration backoffMax) {

  /** Exponential backoff with full jitter: a random delay up to base·2^(attempts-1), capped. */
  public Duration backoff(int attempts, double random) {
    long ceiling = Math.min(backoffMax.toMillis(), backoffBase.toMillis() << Math.min(attempts - 1, 20));
    return Duration.ofMillis(Math.max(backoffBase.toMillis() / 2, (long) (ceiling * random)));
  }
}
