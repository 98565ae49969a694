package vn.ansinh.gateway.beneficiary;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Authorised representatives (SPEC §4.16).
 *
 * @param maxValidity how far after today an authorisation's {@code validUntil} may lie
 */
@ConfigurationProperties("gateway.representatives")
public record RepresentativeProperties(Duration maxValidity) {

  public RepresentativeProperties {
    maxValidity = maxValidity == null ? Duration.ofDays(1826) : maxValidity;
  }
}
