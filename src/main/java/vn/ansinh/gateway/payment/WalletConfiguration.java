package vn.ansinh.gateway.payment;

import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import vn.ansinh.gateway.partner.AgencyCircuits;

/**
 * The wallet providers' circuit breakers, one per provider (a provider that keeps failing is not
 * asked for a while, and its outage never pauses the others), and their health, one component per
 * provider under {@code walletProviders}, shown like the population database's (AgencyCircuits).
 */
@Configuration(proxyBeanMethods = false)
public class WalletConfiguration {

  @Bean
  AgencyCircuits.Group walletProviderCircuits(WalletProperties properties, WalletDirectory wallets) {
    WalletProperties.CircuitBreakerSettings s = properties.circuitBreaker();
    return AgencyCircuits.group("wallet", wallets.wallets().stream().map(WalletDirectory.Provider::code).toList(),
        s.slidingWindowSize(), s.minimumNumberOfCalls(), s.failureRateThreshold(), s.waitDurationInOpenState(),
        s.permittedCallsInHalfOpenState());
  }

  @Bean
  HealthContributor walletProvidersHealthIndicator(AgencyCircuits.Group walletProviderCircuits) {
    return walletProviderCircuits.health();
  }
}
