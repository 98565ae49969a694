package vn.ansinh.gateway.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One exchange as the audit trail records it, before it is sequenced and chained. Holds no
 * personal data: bodies are SHA-256 digests and the personal id is a keyed hash.
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
    String subjectHash) {

  public enum Direction { INBOUND, OUTBOUND }

  public AuditEvent {
    // PostgreSQL keeps microseconds; hash exactly what is stored
    occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
  }
}
