package vn.ansinh.gateway.payment;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ansinh.gateway.partner.AgencyCircuits;

/**
 * The wallet providers' circuit breaker (a provider that keeps failing is not asked for a while) and
 * its health indicator, shown like the population database's (AgencyCircuits).
 */
@Configuration(proxyBeanMethods = false)
public class WalletConfiguration {

  @Bean
  CircuitBreaker walletProviderCircuitBreaker(WalletProperties properties) {
    WalletProperties.CircuitBreakerSettings s = properties.circuitBreaker();
    return AgencyCircuits.breaker("wallet-providers", s.slidingWindowSize(), s.minimumNumberOfCalls(),
        s.failureRateThreshold(), s.waitDurationInOpenState(), s.permittedCallsInHalfOpenState());
  }

  @Bean
  HealthIndicator walletProvidersHealthIndicator(CircuitBreaker walletProviderCircuitBreaker) {
    return AgencyCircuits.health(walletProviderCircuitBreaker);
  }
}
