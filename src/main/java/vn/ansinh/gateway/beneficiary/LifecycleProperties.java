package vn.ansinh.gateway.beneficiary;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How far the changes of a beneficiary may reach in time (SPEC §4.10).
 *
 * @param zone         the calendar that effective dates and "today" are read in
 * @param backdateLimit how far before today an {@code effectiveFrom} may lie (a death reported late, a move found out late)
 * @param forwardLimit  how far after today an {@code effectiveFrom} may lie
 */
@ConfigurationProperties("gateway.lifecycle")
public record LifecycleProperties(ZoneId zone, Duration backdateLimit, Duration forwardLimit) {

  public LifecycleProperties {
    zone = zone == null ? ZoneId.of("Asia/Ho_Chi_Minh") : zone;
    backdateLimit = backdateLimit == null ? Duration.ofDays(730) : backdateLimit;
    forwardLimit = forwardLimit == null ? Duration.ofDays(366) : forwardLimit;
  }
}
