package vn.ansinh.gateway.security;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens whose signature and claims were already verified, until they expire: a partner
 * reuses one token for many calls, and an RSA verification per call is most of the security cost.
 * Only the exact token string hits the cache, so nothing unverified is ever accepted.
 */
final class VerifiedTokenCache implements JwtDecoder {

  private final JwtDecoder delegate;
  private final Clock clock;
  private final int maxEntries;
  private final Map<String, Jwt> verified = new ConcurrentHashMap<>();

  VerifiedTokenCache(JwtDecoder delegate, Clock clock, int maxEntries) {
    this.delegate = delegate;
    this.clock = clock;
    this.maxEntries = maxEntries;
  }

  @Override
  public Jwt decode(String token) throws JwtException {
    Jwt jwt = verified.get(token);
    if (jwt != null && jwt.getExpiresAt() != null && jwt.getExpiresAt().isAfter(clock.instant())) {
      return jwt;
    }
    if (jwt != null) {
      verified.remove(token);
    }
    Jwt fresh = delegate.decode(token);
    if (fresh.getExpiresAt() != null) {
      if (verified.size() >= maxEntries) {
        verified.clear();   // crude but bounded; partners simply pay one verification again
      }
      verified.put(token, fresh);
    }
    return fresh;
  }
}
