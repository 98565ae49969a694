package vn.ansinh.gateway.beneficiary;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the gateway treats banks' word on accounts.
 *
 * @param deactivatingReasons   ISO 20022 reason codes in a bank's report that stop the account being used
 * @param confirmationClockSkew how far ahead of the gateway's clock a bank's {@code openedAt} may be
 */
@ConfigurationProperties("gateway.accounts")
public record AccountProperties(List<String> deactivatingReasons, Duration confirmationClockSkew) {

  public AccountProperties {
    deactivatingReasons = deactivatingReasons == null ? List.of("AC01", "AC04", "AC06") : List.copyOf(deactivatingReasons);
    confirmationClockSkew = confirmationClockSkew == null ? Duration.ofMinutes(10) : confirmationClockSkew;
  }

  public boolean deactivates(String reasonCode) {
    return reasonCode != null && deactivatingReasons.contains(reasonCode);
  }
}
