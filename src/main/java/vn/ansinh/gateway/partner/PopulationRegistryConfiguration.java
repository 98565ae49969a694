package vn.ansinh.gateway.partner;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The population database's connections, circuit breaker (both used by its route) and health indicator. */
@Configuration(proxyBeanMethods = false)
public class PopulationRegistryConfiguration {

  static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

  @Bean
  CircuitBreaker populationRegistryCircuitBreaker(PopulationRegistryProperties properties) {
    PopulationRegistryProperties.CircuitBreakerSettings s = properties.circuitBreaker();
    return CircuitBreaker.of("population-registry", CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(s.slidingWindowSize())
        .minimumNumberOfCalls(s.minimumNumberOfCalls())
        .failureRateThreshold(s.failureRateThreshold())
        .waitDurationInOpenState(s.waitDurationInOpenState())
        .permittedNumberOfCallsInHalfOpenState(s.permittedCallsInHalfOpenState())
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .build());
  }

  /**
   * The registry's own connection pool and timeouts (its route refers to it by name), so a slow
   * registry neither starves other agencies' calls nor holds a caller past the 5 s promise.
   */
  @Bean(destroyMethod = "close")
  PoolingHttpClientConnectionManager populationRegistryConnections(PopulationRegistryProperties properties) {
    return AgencyConnectionPools.pool(properties.connectTimeoutMs(), properties.responseTimeoutMs(),
        properties.maxConnections());
  }

  /**
   * CIRCUIT_OPEN while the circuit is open: shown, but ranked below UP (management.endpoint.health.status)
   * and out of the probe groups, so one agency's outage neither fails our health nor takes us out.
   */
  @Bean
  HealthIndicator populationRegistryHealthIndicator(CircuitBreaker populationRegistryCircuitBreaker) {
    return () -> {
      CircuitBreaker.State state = populationRegistryCircuitBreaker.getState();
      CircuitBreaker.Metrics m = populationRegistryCircuitBreaker.getMetrics();
      Health.Builder h = state == CircuitBreaker.State.OPEN ? Health.status(CIRCUIT_OPEN) : Health.up();
      return h.withDetail("circuit", state.name())
          .withDetail("failureRatePercent", m.getFailureRate())
          .withDetail("bufferedCalls", m.getNumberOfBufferedCalls())
          .build();
    };
  }
}
