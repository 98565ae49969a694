package vn.ansinh.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One exchange as the audit trail records it, before it is sequenced and chained. Holds no
 * personal data: bodies are SHA-256 digests and the personal id is a keyed hash. The trace id
 * (W3C, 32 hex digits) ties the event to the request's trace across instances and the outbox.
 */
public record AuditEvent(
    Instant occurredAt,
    Direction direction,
    String partner,
    String xroadClient,
    String xroadId,
    String service,
    String operation,
    String outcome,
    Integer status,
    int latencyMs,
    String requestId,
    String requestSha256,
    String responseSha256,
    String subjectHash,
    String traceId) {

  public enum Direction { INBOUND, OUTBOUND }

  /** An event as recorded before its trace is known: the audit trail adds the current trace id. */
  public AuditEvent(Instant occurredAt, Direction direction, String partner, String xroadClient, String xroadId,
      String service, String operation, String outcome, Integer status, int latencyMs, String requestId,
      String requestSha256, String responseSha256, String subjectHash) {
    this(occurredAt, direction, partner, xroadClient, xroadId, service, operation, outcome, status, latencyMs,
        requestId, requestSha256, responseSha256, subjectHash, null);
  }

  /** The same event in the given trace. */
  public AuditEvent withTraceId(String id) {
    return new AuditEvent(occurredAt, direction, partner, xroadClient, xroadId, service, operation, outcome, status,
        latencyMs, requestId, requestSha256, responseSha256, subjectHash, id);
  }

  public AuditEvent {
    // PostgreSQL keeps microseconds; hash exactly what is stored
    occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
  }
}
