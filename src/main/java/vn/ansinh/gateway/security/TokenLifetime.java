package vn.ansinh.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token must say when it was issued and when it expires, and live no longer than the gateway's
 * own tokens do: a token without {@code exp}, or one minted to last for years, is refused even
 * when its signature is good.
 */
final class TokenLifetime implements OAuth2TokenValidator<Jwt> {

  private final Duration maxLifetime;
  private final Duration skew;
  private final Clock clock;

  TokenLifetime(Duration maxLifetime, Duration skew, Clock clock) {
    this.maxLifetime = maxLifetime;
    this.skew = skew;
    this.clock = clock;
  }

  @Override
  public OAuth2TokenValidatorResult validate(Jwt token) {
    Instant issued = token.getIssuedAt();
    Instant expires = token.getExpiresAt();
    if (expires == null || issued == null) {
      return refused("The token must carry exp and iat");
    }
    if (issued.isAfter(clock.instant().plus(skew))) {
      return refused("The token is issued in the future");
    }
    if (Duration.between(issued, expires).compareTo(maxLifetime.plus(skew)) > 0) {
      return refused("The token lives longer than this gateway allows");
    }
    return OAuth2TokenValidatorResult.success();
  }

  private static OAuth2TokenValidatorResult refused(String why) {
    return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, why, null));
  }
}
