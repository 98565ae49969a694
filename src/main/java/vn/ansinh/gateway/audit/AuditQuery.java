package vn.ansinh.gateway.audit;

import java.time.Instant;

/** Server-side filters of an audit search; null means "any". The subject is already a keyed hash. */
public record AuditQuery(
    Instant from,
    Instant to,
    String partner,
    String service,
    String operation,
    String outcome,
    String requestId,
    String subjectHash,
    String traceId,
    int page,
    int size) {}
