package vn.ansinh.gateway.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the gateway talks to wallet providers (SPEC §4.15).
 *
 * @param connectTimeoutMs        connection timeout of an ownership check
 * @param responseTimeoutMs       the longest wait for an ownership check's answer
 * @param ownershipMaxAge         a provider's answer on a wallet's owner is used this long, then asked again
 * @param ownershipChunk          wallets checked per validation step; progress is committed after each
 * @param circuitBreaker          the providers' circuit breaker
 */
@ConfigurationProperties("gateway.agencies.wallet-providers")
public record WalletProperties(@DefaultValue("2000") int connectTimeoutMs, @DefaultValue("3000") int responseTimeoutMs,
    @DefaultValue("365d") Duration ownershipMaxAge, @DefaultValue("200") int ownershipChunk,
    @DefaultValue CircuitBreakerSettings circuitBreaker) {

  /**
   * @param slidingWindowSize             calls looked at
   * @param minimumNumberOfCalls          before the failure rate counts
   * @param failureRateThreshold          percent that opens the circuit
   * @param waitDurationInOpenState       before trying again (half-open)
   * @param permittedCallsInHalfOpenState trial calls that decide to close or re-open
   */
  public record CircuitBreakerSettings(@DefaultValue("20") int slidingWindowSize,
      @DefaultValue("5") int minimumNumberOfCalls, @DefaultValue("50") float failureRateThreshold,
      @DefaultValue("10s") Duration waitDurationInOpenState, @DefaultValue("3") int permittedCallsInHalfOpenState) {}
}
