package vn.ansinh.gateway.payment;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The wallet providers' circuit breaker (a provider that keeps failing is not asked for a while) and
 * its health indicator, shown like the population database's: CIRCUIT_OPEN while open, never failing
 * the instance's own health.
 */
@Configuration(proxyBeanMethods = false)
public class WalletConfiguration {

  @Bean
  CircuitBreaker walletProviderCircuitBreaker(WalletProperties properties) {
    WalletProperties.CircuitBreakerSettings s = properties.circuitBreaker();
    return CircuitBreaker.of("wallet-providers", CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(s.slidingWindowSize())
        .minimumNumberOfCalls(s.minimumNumberOfCalls())
        .failureRateThreshold(s.failureRateThreshold())
        .waitDurationInOpenState(s.waitDurationInOpenState())
        .permittedNumberOfCallsInHalfOpenState(s.permittedCallsInHalfOpenState())
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .build());
  }

  @Bean
  HealthIndicator walletProvidersHealthIndicator(CircuitBreaker walletProviderCircuitBreaker) {
    return () -> {
      CircuitBreaker.State state = walletProviderCircuitBreaker.getState();
      CircuitBreaker.Metrics m = walletProviderCircuitBreaker.getMetrics();
      Health.Builder h = state == CircuitBreaker.State.OPEN ? Health.status("CIRCUIT_OPEN") : Health.up();
      return h.withDetail("circuit", state.name())
          .withDetail("failureRatePercent", m.getFailureRate())
          .withDetail("bufferedCalls", m.getNumberOfBufferedCalls())
          .build();
    };
  }
}
