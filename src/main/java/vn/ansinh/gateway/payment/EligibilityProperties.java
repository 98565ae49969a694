package vn.ansinh.gateway.payment;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The eligibility gate's settings (SPEC §4.9).
 *
 * @param verificationMaxAge      a person verified more recently than this needs no new call to the registry
 * @param verificationConcurrency the most registry calls in flight for the gate, per instance
 * @param verificationChunk       people verified per step; progress is committed after each step
 * @param verificationHoldRetry   how long a batch waits in VALIDATING before trying an unavailable registry again
 */
@ConfigurationProperties("gateway.payments")
public record EligibilityProperties(Duration verificationMaxAge, int verificationConcurrency, int verificationChunk,
    Duration verificationHoldRetry) {}
