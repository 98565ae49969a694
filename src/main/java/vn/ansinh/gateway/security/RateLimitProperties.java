package vn.ansinh.gateway.security;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Requests per second each partner may make to one instance (SPEC §3); 0 means no limit.
 *
 * @param defaultPerSecond the limit of a partner without an override ({@code gateway.rate-limit.default})
 * @param partners         client id → its own limit, above or below the default
 */
@ConfigurationProperties("gateway.rate-limit")
public record RateLimitProperties(@Name("default") int defaultPerSecond, Map<String, Integer> partners) {

  public RateLimitProperties {
    partners = partners == null ? Map.of() : Map.copyOf(partners);
  }

  public int perSecond(String clientId) {
    return partners.getOrDefault(clientId, defaultPerSecond);
  }
}
