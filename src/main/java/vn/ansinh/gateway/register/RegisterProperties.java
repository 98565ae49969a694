package vn.ansinh.gateway.register;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The life-status sync's settings (SPEC §4.11).
 *
 * @param enabled              whether this instance runs the scheduled sync
 * @param reverifyEvery        every active beneficiary is verified again at least this often
 * @param maxCallsPerSecond    the most sync calls per second to the registry, all instances together
 * @param pollIntervalMs       how often an idle instance looks for people due
 * @param claimSize            people an instance takes at a time
 * @param concurrency          sync calls in flight per instance (the pace still holds them to the rate)
 * @param lease                how long a taken person is left to that instance before another takes them
 * @param enrolEvery           how often new beneficiaries are added to the sync
 * @param runFor               the longest one run of the sync route goes on before it yields
 * @param paceGuard            the end of each second left without call slots, so a late call still counts in its own second
 */
@ConfigurationProperties("gateway.register")
public record RegisterProperties(boolean enabled, Duration reverifyEvery, int maxCallsPerSecond, long pollIntervalMs,
    int claimSize, int concurrency, Duration lease, Duration enrolEvery, Duration runFor, Duration paceGuard) {

  public RegisterProperties {
    if (reverifyEvery == null || reverifyEvery.toSeconds() < 1) {
      throw new IllegalArgumentException("gateway.register.reverify-every must be at least 1s");
    }
    if (paceGuard == null || paceGuard.isNegative() || paceGuard.toMillis() > 500) {
      throw new IllegalArgumentException("gateway.register.pace-guard must be between 0 and 500ms");
    }
    if (maxCallsPerSecond < 1 || claimSize < 1 || concurrency < 1) {
      throw new IllegalArgumentException("gateway.register: max-calls-per-second, claim-size and concurrency must be positive");
    }
  }
}
