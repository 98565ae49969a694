package vn.ansinh.gateway.payment;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The wallet providers' circuit breaker: a provider that keeps failing is not asked for a while. */
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
}
