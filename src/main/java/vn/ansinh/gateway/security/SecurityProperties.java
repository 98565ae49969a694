package vn.ansinh.gateway.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * @param issuer             issuer of the embedded authorization server's tokens (the {@code iss} claim)
 * @param tokenTtl           lifetime of access tokens; a token claiming a longer one is refused
 * @param signingKeyLocation PEM (PKCS#8) RSA private key that signs tokens; demo mode generates one
 * @param audience           the {@code aud} a token must name to be accepted by this gateway
 * @param clockSkew          tolerance for the time claims and for a token's lifetime
 */
@ConfigurationProperties("gateway.security")
public record SecurityProperties(String issuer, Duration tokenTtl, String signingKeyLocation, String audience,
    Duration clockSkew) {

  public SecurityProperties {
    clockSkew = clockSkew == null ? Duration.ofSeconds(60) : clockSkew;
  }
}
