package vn.ansinh.gateway.partner;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The national population database as this gateway reaches it.
 *
 * @param url              SOAP endpoint of the population database (through the exchange platform)
 * @param serviceCode      our public-service code, sent as MaDVC
 * @param connectTimeoutMs how long to wait for a connection
 * @param responseTimeoutMs how long to wait for the answer
 * @param maxConnections   pooled keep-alive connections to the registry
 * @param circuitBreaker   when to stop calling a failing registry, and when to try again
 */
@ConfigurationProperties("gateway.agencies.population-registry")
public record PopulationRegistryProperties(String url, String serviceCode, int connectTimeoutMs,
    int responseTimeoutMs, int maxConnections, CircuitBreakerSettings circuitBreaker) {

  /**
   * @param slidingWindowSize           calls looked at
   * @param minimumNumberOfCalls        calls before the failure rate counts
   * @param failureRateThreshold        percent of failures that opens the circuit
   * @param waitDurationInOpenState     time before trial calls are let through
   * @param permittedCallsInHalfOpenState trial calls that decide whether to close again
   */
  public record CircuitBreakerSettings(int slidingWindowSize, int minimumNumberOfCalls, float failureRateThreshold,
      Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {}
}
