package vn.ansinh.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Keyed hash (HMAC-SHA-256) of a personal id: lets staff find a citizen's events without the
 * audit trail ever holding the id, and without a dictionary attack on the 12-digit space.
 */
@Component
public class SubjectHasher {

  private static final int MIN_KEY_LENGTH = 32;
  private final ThreadLocal<Mac> mac;

  public SubjectHasher(AuditProperties properties) {
    String key = properties.subjectKey();
    if (key == null || key.length() < MIN_KEY_LENGTH) {
      throw new IllegalStateException("gateway.audit.subject-key must be set to at least " + MIN_KEY_LENGTH + " characters");
    }
    SecretKeySpec spec = new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.mac = ThreadLocal.withInitial(() -> {
      try {
        Mac m = Mac.getInstance("HmacSHA256");
        m.init(spec);
        return m;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("HmacSHA256 unavailable", e);
      }
    });
  }

  public String hash(String personalId) {
    if (personalId == null || personalId.isBlank()) {
      return null;
    }
    Mac m = mac.get();
    return HexFormat.of().formatHex(m.doFinal(personalId.trim().getBytes(StandardCharsets.UTF_8)));
  }
}
