package vn.ansinh.gateway.partner;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Every agency circuit breaker in /actuator/prometheus under Resilience4j's own metric names
 * ({@code resilience4j_circuitbreaker_state{name,state}} is 1 for the current state, the failure
 * rate, calls refused while open), for the dashboard and the alerts in deploy/monitoring; each
 * member of a group (each wallet provider) under its own name.
 */
@Component
public class CircuitBreakerMetrics implements MeterBinder {

  private final List<CircuitBreaker> breakers;

  public CircuitBreakerMetrics(List<CircuitBreaker> breakers, List<AgencyCircuits.Group> groups) {
    this.breakers = new ArrayList<>(breakers);
    groups.forEach(g -> g.members().forEach(m -> this.breakers.add(g.of(m))));
  }

  @Override
  public void bindTo(MeterRegistry meters) {
    for (CircuitBreaker breaker : breakers) {
      String name = breaker.getName();
      for (CircuitBreaker.State state : CircuitBreaker.State.values()) {
        Gauge.builder("resilience4j.circuitbreaker.state", breaker, b -> b.getState() == state ? 1 : 0)
            .tags("name", name, "state", state.name().toLowerCase(Locale.ROOT))
            .description("1 for the circuit's current state").register(meters);
      }
      Gauge.builder("resilience4j.circuitbreaker.failure.rate", breaker, b -> b.getMetrics().getFailureRate())
          .tags("name", name).description("Failure rate in the sliding window; -1 until enough calls")
          .register(meters);
      Counter refused = Counter.builder("resilience4j.circuitbreaker.not.permitted.calls")
          .tags("name", name, "kind", "not_permitted").description("Calls refused while the circuit was open")
          .register(meters);
      breaker.getEventPublisher().onCallNotPermitted(event -> refused.increment());
    }
  }
}
