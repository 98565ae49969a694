package vn.ansinh.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash chain: each event's hash covers its sequence number, its content and the previous hash. */
public final class AuditChain {

  public static final String GENESIS_HASH = "0".repeat(64);
  private static final char SEPARATOR = '\u001f';
  private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(AuditChain::newDigest);

  private AuditChain() {}

  public static String hash(long seq, String prevHash, AuditEvent e) {
    StringBuilder b = new StringBuilder(512)
        .append(seq).append(SEPARATOR)
        .append(prevHash).append(SEPARATOR)
        .append(e.occurredAt().getEpochSecond()).append('.').append(e.occurredAt().getNano() / 1000).append(SEPARATOR);
    field(b, e.direction().name());
    field(b, e.partner());
    field(b, e.xroadClient());
    field(b, e.xroadId());
    field(b, e.service());
    field(b, e.operation());
    field(b, e.outcome());
    field(b, e.status() == null ? null : e.status().toString());
    field(b, Integer.toString(e.latencyMs()));
    field(b, e.requestId());
    field(b, e.requestSha256());
    field(b, e.responseSha256());
    field(b, e.subjectHash());
    if (e.traceId() != null) {
      field(b, e.traceId());   // events recorded before trace ids existed hash as they always did
    }
    MessageDigest digest = SHA256.get();
    digest.reset();
    return HexFormat.of().formatHex(digest.digest(b.toString().getBytes(StandardCharsets.UTF_8)));
  }

  public static ChainedAuditEvent append(long seq, String prevHash, AuditEvent e) {
    return new ChainedAuditEvent(seq, e, prevHash, hash(seq, prevHash, e));
  }

  private static void field(StringBuilder b, String value) {
    // null and "" must hash differently, or a cleared field would go unnoticed
    if (value == null) {
      b.append('\u0000');
    } else {
      b.append(value.length()).append(':').append(value);
    }
    b.append(SEPARATOR);
  }

  static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the JDK", e);
    }
  }

  public static String sha256Hex(byte[] bytes) {
    MessageDigest digest = SHA256.get();
    digest.reset();
    return HexFormat.of().formatHex(digest.digest(bytes));
  }
}
