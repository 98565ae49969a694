package vn.ansinh.gateway.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.ansinh.gateway.audit.AuditStore;
import vn.ansinh.gateway.audit.ChainedAuditEvent;
import vn.ansinh.gateway.error.AgencyUnavailableException;
import vn.ansinh.gateway.web.GatewayFailures;

/**
 * Publishes the stream, one round at a time: in one transaction it takes the oldest domain events
 * and the audit events past its cursor, sends them as CloudEvents through {@code direct:event-stream-send},
 * in one Kafka transaction, and only once Kafka has committed it removes the events and moves the cursor.
 * A failed round rolls back here and is aborted there, and is sent again (at least once; event ids let
 * consumers drop repeats; read_committed consumers never see an aborted round, so order per key holds). One instance
 * publishes at a time (a transaction-scoped advisory lock; the others skip the round), so events of
 * one key leave in the order they were written, whatever the number of instances.
 */
@Component("eventPublisher")
public class EventPublisher {

  private static final Logger log = LoggerFactory.getLogger(EventPublisher.class);
  static final long PUBLISH_LOCK = 0x45564E5453L;   // pg_try_advisory_xact_lock key: one publisher at a time
  static final String AUDIT_KEY = "audit-chain";
  static final String SEND_ROUTE = "event-stream-send";
  static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

  private final JdbcTemplate jdbc;
  private final TransactionTemplate tx;
  private final AuditStore audit;
  private final ProducerTemplate flows;
  private final CamelContext camel;
  private final EventStreamProperties properties;
  private final MeterRegistry meters;
  private final Counter failures;

  public EventPublisher(JdbcTemplate jdbc, TransactionTemplate tx, AuditStore audit, ProducerTemplate flows,
      CamelContext camel, EventStreamProperties properties, MeterRegistry meters) {
    this.jdbc = jdbc;
    this.tx = tx;
    this.audit = audit;
    this.flows = flows;
    this.camel = camel;
    this.properties = properties;
    this.meters = meters;
    this.failures = Counter.builder("gateway.events.publish.failures")
        .description("Publishing rounds Kafka did not acknowledge (sent again later)").register(meters);
  }

  /** Publishes rounds until the backlog is gone or a round fails; the route's timer calls it again later. */
  public void publishDue() {
    try {
      while (round() >= properties.batchSize()) {
        // a full round: there may be more
      }
    } catch (RuntimeException e) {
      failures.increment();
      log.warn("Event stream: a round was not acknowledged by Kafka and will be sent again: {}",
          GatewayFailures.withoutMessages(e));
      freshProducer();
    }
  }

  /** After a failed round the sending route starts again: a new producer, its transactions clean. */
  private void freshProducer() {
    try {
      camel.getRouteController().stopRoute(SEND_ROUTE, 5, TimeUnit.SECONDS);
      camel.getRouteController().startRoute(SEND_ROUTE);
    } catch (Exception e) {
      log.warn("Event stream: the sending route did not restart; the next round tries again: {}",
          GatewayFailures.withoutMessages(e));
    }
  }

  /** One round; the number of events published (0 when another instance holds the stream or nothing waits). */
  int round() {
    Integer published = tx.execute(status -> {
      if (!Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?)", Boolean.class, PUBLISH_LOCK))) {
        return 0;
      }
      List<Pending> domain = jdbc.query("select id, family, type, partner, event_key, subject, data, created_at"
          + " from domain_event order by id limit ?", EventPublisher::pending, properties.batchSize());
      long cursor = jdbc.queryForObject("select last_seq from event_stream_cursor where stream = 'audit'", Long.class);
      List<ChainedAuditEvent> trail = audit.after(cursor, properties.batchSize());
      if (domain.isEmpty() && trail.isEmpty()) {
        return 0;
      }
      List<Message> records = new ArrayList<>(domain.size() + trail.size());
      domain.forEach(p -> records.add(record(p.family(), p.key(), domainEvent(p))));
      trail.forEach(c -> records.add(record(DomainEvents.AUDIT, AUDIT_KEY, auditEvent(c))));
      Exchange sent = flows.send("direct:event-stream-send", exchange -> exchange.getMessage().setBody(records));
      if (sent.getException() != null) {
        throw new AgencyUnavailableException("kafka", "the event stream's brokers did not acknowledge a round",
            sent.getException());
      }
      if (!domain.isEmpty()) {
        jdbc.update("delete from domain_event where id = any(?)",
            (Object) domain.stream().map(Pending::id).toArray(Long[]::new));
      }
      if (!trail.isEmpty()) {
        jdbc.update("update event_stream_cursor set last_seq = ? where stream = 'audit'", trail.get(trail.size() - 1).seq());
      }
      domain.forEach(p -> published(p.family()));
      trail.forEach(c -> published(DomainEvents.AUDIT));
      return domain.size() + trail.size();
    });
    return published == null ? 0 : published;
  }

  private void published(String family) {
    meters.counter("gateway.events.published", "family", family).increment();
  }

  private Message record(String family, String key, CloudEvent event) {
    Message m = new DefaultMessage(camel);
    m.setHeader(KafkaConstants.OVERRIDE_TOPIC, properties.topics().of(family));
    m.setHeader(KafkaConstants.KEY, key);
    m.setHeader("content-type", CloudEvent.CONTENT_TYPE);   // the CloudEvents Kafka binding's structured mode
    try {
      m.setBody(JSON.writeValueAsString(event));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("event " + event.id() + " not serialisable", e);
    }
    return m;
  }

  private CloudEvent domainEvent(Pending p) {
    return CloudEvent.of("event-" + p.id(), properties.source(), p.type(), p.subject(), p.createdAt(), p.partner(),
        p.data());
  }

  /** The audit event as the signed export has it: hashes, digests and codes, never a personal id. */
  private CloudEvent auditEvent(ChainedAuditEvent c) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("seq", c.seq());
    data.put("prevHash", c.prevHash());
    data.put("hash", c.hash());
    data.put("event", c.event());
    String partner = c.event().partner() != null ? c.event().partner() : "gateway";
    try {
      return CloudEvent.of("audit-" + c.seq(), properties.source(), DomainEvents.TYPE_PREFIX + "audit.recorded",
          Long.toString(c.seq()), c.event().occurredAt(), partner, JSON.writeValueAsString(data));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit event " + c.seq() + " not serialisable", e);
    }
  }

  private record Pending(long id, String family, String type, String partner, String key, String subject, String data,
      Instant createdAt) {}

  private static Pending pending(ResultSet rs, int row) throws SQLException {
    return new Pending(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
        rs.getString(6), rs.getString(7), rs.getTimestamp(8).toInstant());
  }
}
