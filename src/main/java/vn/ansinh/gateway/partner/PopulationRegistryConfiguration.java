package vn.ansinh.gateway.partner;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The population database's connections, circuit breaker (both used by its route) and health indicator. */
@Configuration(proxyBeanMethods = false)
public class PopulationRegistryConfiguration {

  @Bean
  CircuitBreaker populationRegistryCircuitBreaker(PopulationRegistryProperties properties) {
    PopulationRegistryProperties.CircuitBreakerSettings s = properties.circuitBreaker();
    return AgencyCircuits.breaker("population-registry", s.slidingWindowSize(), s.minimumNumberOfCalls(),
        s.failureRateThreshold(), s.waitDurationInOpenState(), s.permittedCallsInHalfOpenState());
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

  /** CIRCUIT_OPEN while the circuit is open, never failing the gateway's own health (AgencyCircuits). */
  @Bean
  HealthIndicator populationRegistryHealthIndicator(CircuitBreaker populationRegistryCircuitBreaker) {
    return AgencyCircuits.health(populationRegistryCircuitBreaker);
  }
}
