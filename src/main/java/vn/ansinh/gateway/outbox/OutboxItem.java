package vn.ansinh.gateway.outbox;

import java.time.Instant;

/** One unit of accepted work: what to do ({@code kind}), for whom, about what, and how it went so far. */
public record OutboxItem(long id, String kind, String owner, String subject, String status, int attempts,
    String lastError, Instant updatedAt) {}
