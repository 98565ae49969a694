package vn.ansinh.gateway.audit;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code auditTrail} in /actuator/health: DOWN while the audit store fails and requests are refused. */
@Component("auditTrailHealthIndicator")   // shown as "auditTrail"
public class AuditTrailHealth implements HealthIndicator {

  private final AuditTrail trail;

  public AuditTrailHealth(AuditTrail trail) {
    this.trail = trail;
  }

  @Override
  public Health health() {
    Health.Builder health = trail.storeFailing() ? Health.down().withDetail("reason",
        "the audit store is failing or stalled: new requests are refused until it recovers") : Health.up();
    return health.withDetail("pending", trail.pending()).withDetail("accepting", trail.accepting()).build();
  }
}
