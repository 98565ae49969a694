package vn.ansinh.gateway.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * {@code gateway.events.waiting}: events recorded but not yet acknowledged by Kafka (domain events,
 * and audit events past the stream's cursor), read every {@code gateway.metrics.refresh} like the
 * other state gauges. Published events and failed rounds are counted by {@link EventPublisher}.
 */
@Component
public class EventStreamGauges {

  private static final Logger log = LoggerFactory.getLogger(EventStreamGauges.class);
  private final JdbcTemplate jdbc;
  private final boolean enabled;
  private final AtomicLong domain = new AtomicLong();
  private final AtomicLong audit = new AtomicLong();

  public EventStreamGauges(JdbcTemplate jdbc, EventStreamProperties properties, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.enabled = properties.enabled();
    Gauge.builder("gateway.events.waiting", domain, AtomicLong::get).tag("family", "domain")
        .description("Domain events written but not yet acknowledged by Kafka").register(meters);
    Gauge.builder("gateway.events.waiting", audit, AtomicLong::get).tag("family", DomainEvents.AUDIT)
        .description("Audit events not yet acknowledged by Kafka").register(meters);
  }

  @Scheduled(initialDelayString = "${gateway.metrics.refresh:15s}", fixedDelayString = "${gateway.metrics.refresh:15s}")
  public void refresh() {
    if (!enabled) {
      return;   // nothing is recorded, and the trail is not waiting for a stream that is off
    }
    try {
      domain.set(jdbc.queryForObject("select count(*) from domain_event", Long.class));
      audit.set(jdbc.queryForObject("select h.last_seq - c.last_seq from audit_chain_head h, event_stream_cursor c"
          + " where h.id = 1 and c.stream = 'audit'", Long.class));
    } catch (RuntimeException e) {
      log.warn("Event stream gauges not refreshed: {}", e.getMessage());
    }
  }
}
