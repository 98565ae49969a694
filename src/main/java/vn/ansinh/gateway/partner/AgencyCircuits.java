package vn.ansinh.gateway.partner;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * An agency's circuit breaker (an agency that keeps failing is not asked for a while) and how the
 * health endpoint shows it: CIRCUIT_OPEN while open, ranked below UP
 * (management.endpoint.health.status) and out of the probe groups, so one agency's outage neither
 * fails the gateway's health nor takes it out. Agencies of one kind (the wallet providers) get a
 * {@link Group}: one circuit each, so one's outage never pauses the calls to another.
 */
public final class AgencyCircuits {

  public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";

  private AgencyCircuits() {}

  /** Route property: the {@link Group} member a call goes through. */
  public static final String CIRCUIT = "agencyCircuit";
  private static final String PERMITTED_AT = "agencyCircuitPermittedNanos";

  public static CircuitBreaker breaker(String name, int slidingWindowSize, int minimumNumberOfCalls,
      float failureRateThreshold, Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {
    return CircuitBreaker.of(name, config(slidingWindowSize, minimumNumberOfCalls, failureRateThreshold,
        waitDurationInOpenState, permittedCallsInHalfOpenState));
  }

  /** One circuit per agency of a kind, named {@code kind-member}, all with the same thresholds. */
  public static Group group(String kind, Collection<String> members, int slidingWindowSize, int minimumNumberOfCalls,
      float failureRateThreshold, Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {
    CircuitBreakerConfig config = config(slidingWindowSize, minimumNumberOfCalls, failureRateThreshold,
        waitDurationInOpenState, permittedCallsInHalfOpenState);
    Map<String, CircuitBreaker> breakers = new LinkedHashMap<>();
    members.forEach(m -> breakers.put(m, CircuitBreaker.of(kind + "-" + m, config)));
    return new Group(Map.copyOf(breakers), List.copyOf(members));
  }

  private static CircuitBreakerConfig config(int slidingWindowSize, int minimumNumberOfCalls,
      float failureRateThreshold, Duration waitDurationInOpenState, int permittedCallsInHalfOpenState) {
    return CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(slidingWindowSize)
        .minimumNumberOfCalls(minimumNumberOfCalls)
        .failureRateThreshold(failureRateThreshold)
        .waitDurationInOpenState(waitDurationInOpenState)
        .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpenState)
        .automaticTransitionFromOpenToHalfOpenEnabled(true)
        .build();
  }

  public static HealthIndicator health(CircuitBreaker breaker) {
    return () -> {
      CircuitBreaker.State state = breaker.getState();
      CircuitBreaker.Metrics m = breaker.getMetrics();
      Health.Builder h = state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN
          ? Health.status(CIRCUIT_OPEN) : Health.up();
      return h.withDetail("circuit", state.name())
          .withDetail("failureRatePercent", m.getFailureRate())
          .withDetail("bufferedCalls", m.getNumberOfBufferedCalls())
          .build();
    };
  }

  /**
   * Circuits of one kind, by member (a wallet provider's code). Routes call {@code enter} before the
   * call (a refused call fails like Camel's circuit breaker, with {@link CallNotPermittedException}),
   * then {@code succeeded}, or {@code failed} from their catch; the member is the {@link #CIRCUIT} property.
   */
  public record Group(Map<String, CircuitBreaker> breakers, List<String> members) {

    public CircuitBreaker of(String member) {
      CircuitBreaker b = breakers.get(member);
      if (b == null) {
        throw new IllegalArgumentException("no circuit for '" + member + "'");
      }
      return b;
    }

    public void enter(Exchange exchange) {
      CircuitBreaker b = of(exchange.getProperty(CIRCUIT, String.class));
      if (!b.tryAcquirePermission()) {
        throw CallNotPermittedException.createCallNotPermittedException(b);
      }
      exchange.setProperty(PERMITTED_AT, System.nanoTime());
    }

    public void succeeded(Exchange exchange) {
      Long at = exchange.removeProperty(PERMITTED_AT) instanceof Long l ? l : null;
      if (at != null) {
        of(exchange.getProperty(CIRCUIT, String.class)).onSuccess(System.nanoTime() - at, TimeUnit.NANOSECONDS);
      }
    }

    /** Counts the failure of a permitted call; a call the open circuit refused counts nothing. */
    public void failed(Exchange exchange) {
      Long at = exchange.removeProperty(PERMITTED_AT) instanceof Long l ? l : null;
      if (at != null) {
        Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        of(exchange.getProperty(CIRCUIT, String.class)).onError(System.nanoTime() - at, TimeUnit.NANOSECONDS,
            cause != null ? cause : new IllegalStateException("the call failed"));
      }
    }

    /** The health view: one component per member. */
    public HealthContributor health() {
      Map<String, HealthIndicator> each = new LinkedHashMap<>();
      members.forEach(m -> each.put(m, AgencyCircuits.health(breakers.get(m))));
      return CompositeHealthContributor.fromMap(each);
    }

    public void reset() {
      breakers.values().forEach(CircuitBreaker::reset);
    }
  }
}
