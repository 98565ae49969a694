package vn.ansinh.gateway.partner;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * An agency's circuit breaker (an agency that keeps failing is not asked for a while) and how the
 * health endpoint shows it: CIRCUIT_OPEN while open, ranked below UP
 * (management.endpoint.health.status) and out of the probe groups, so one agency's outage neither
 * fails the gateway's health nor takes it out.
 */
public final class AgencyCircuits {

  public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

  private AgencyCircuits() {}

  public static CircuitBreaker breaker(String name, int slidingWindowSize, int minimumNumberOfCalls,
      float failureRateThreshold, Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {
    return CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(slidingWindowSize)
        .minimumNumberOfCalls(minimumNumberOfCalls)
        .failureRateThreshold(failureRateThreshold)
        .waitDurationInOpenState(waitDurationInOpenState)
        .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .build());
  }

  public static HealthIndicator health(CircuitBreaker breaker) {
    return () -> {
      CircuitBreaker.State state = breaker.getState();
      CircuitBreaker.Metrics m = breaker.getMetrics();
      Health.Builder h = state == CircuitBreaker.State.OPEN ? Health.status(CIRCUIT_OPEN) : Health.up();
      return h.withDetail("circuit", state.name())
          .withDetail("failureRatePercent", m.getFailureRate())
          .withDetail("bufferedCalls", m.getNumberOfBufferedCalls())
          .build();
    };
  }
}
