package vn.ansinh.gateway.security;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * One Resilience4j rate limiter per partner client id, each refilled every second. Counted in this
 * instance only: with N instances behind a balancer a partner may reach N times its limit.
 */
@Component
public class PartnerRateLimits {

  /** The limiters refill once a second, so a refused caller may try again after this long. */
  public static final Duration PERIOD = Duration.ofSeconds(1);
  private final RateLimiterRegistry limiters = RateLimiterRegistry.ofDefaults();
  private final RateLimitProperties properties;

  public PartnerRateLimits(RateLimitProperties properties) {
    this.properties = properties;
  }

  /** Takes one permit for the partner now, or says it has none left in this second; never waits. */
  public boolean permits(String clientId) {
    int perSecond = properties.perSecond(clientId);
    if (perSecond <= 0) {
      return true;
    }
    RateLimiter limiter = limiters.rateLimiter(clientId, () -> RateLimiterConfig.custom()
        .limitForPeriod(perSecond).limitRefreshPeriod(PERIOD).timeoutDuration(Duration.ZERO).build());
    return limiter.acquirePermission();
  }
}
