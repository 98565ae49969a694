package vn.ansinh.gateway.outbox;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/**
 * One unit of accepted work: what to do ({@code kind}), for whom, about what, and how it went so
 * far; {@code traceParent} is the W3C trace context of the request that queued it.
 */
public record OutboxItem(long id, String kind, String owner, String subject, String status, int attempts,
    String lastError, Instant updatedAt, @JsonIgnore String traceParent) {}
