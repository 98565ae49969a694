package vn.ansinh.gateway.audit;

/** An audit event as stored: its place in the chain, its predecessor's hash and its own. */
public record ChainedAuditEvent(long seq, AuditEvent event, String prevHash, String hash) {}
