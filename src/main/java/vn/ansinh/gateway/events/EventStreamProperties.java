package vn.ansinh.gateway.events;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param enabled          domain events are recorded and published to Kafka; off, nothing is recorded
 * @param bootstrapServers the Kafka brokers (host:port, comma-separated)
 * @param source           the CloudEvents source of every event this gateway publishes
 * @param topics           one topic per event family
 * @param batchSize        events one publishing round claims and sends before it commits
 * @param rangesPerEvent   ranges of rows one payment-status event names at most (its size: about 16 bytes a range)
 * @param pollIntervalMs   how often the publisher looks for new events when it found none (ms)
 * @param sendTimeoutMs    how long Kafka may take to acknowledge a round before it is retried (ms)
 */
@ConfigurationProperties("gateway.events")
public record EventStreamProperties(boolean enabled, String bootstrapServers, String source, Topics topics,
    int batchSize, int rangesPerEvent, long pollIntervalMs, int sendTimeoutMs) {

  /** @param beneficiary lifecycle and accounts; @param payment statuses and batch milestones; @param audit the SIEM feed */
  public record Topics(String beneficiary, String payment, String audit) {

    String of(String family) {
      return switch (family) {
        case DomainEvents.BENEFICIARY -> beneficiary;
        case DomainEvents.PAYMENT -> payment;
        case DomainEvents.AUDIT -> audit;
        default -> throw new IllegalArgumentException("no topic for family " + family);
      };
    }
  }
}
