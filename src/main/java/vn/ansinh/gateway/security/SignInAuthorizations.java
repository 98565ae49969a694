package vn.ansinh.gateway.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2Token;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Keeps only what the authorization-code flow needs between the browser's visit to
 * /oauth2/authorize and the page's call to /oauth2/token (the state, the code, whether the code was
 * used), for a few minutes. Client-credentials tokens are self-contained JWTs checked by signature,
 * so they are not kept: a store would grow with every token a partner takes.
 *
 * <p>Like the sign-in session itself this lives in the instance's memory: behind a load balancer
 * the sign-in needs sticky sessions (deploy/README.md).
 */
final class SignInAuthorizations implements OAuth2AuthorizationService {

  private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);
  private final Map<String, Held> byId = new ConcurrentHashMap<>();
  private final Duration keep;
  private final Clock clock;

  SignInAuthorizations(Duration keep, Clock clock) {
    this.keep = keep;
    this.clock = clock;
  }

  private record Held(OAuth2Authorization authorization, Instant until) {}

  @Override
  public void save(OAuth2Authorization authorization) {
    if (!AuthorizationGrantType.AUTHORIZATION_CODE.equals(authorization.getAuthorizationGrantType())) {
      return;
    }
    Instant now = clock.instant();
    byId.values().removeIf(h -> h.until().isBefore(now));
    byId.put(authorization.getId(), new Held(authorization, now.plus(keep)));
  }

  @Override
  public void remove(OAuth2Authorization authorization) {
    byId.remove(authorization.getId());
  }

  @Override
  public OAuth2Authorization findById(String id) {
    Held held = byId.get(id);
    return held == null || held.until().isBefore(clock.instant()) ? null : held.authorization();
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    Instant now = clock.instant();
    for (Held held : byId.values()) {
      if (!held.until().isBefore(now) && matches(held.authorization(), token, tokenType)) {
        return held.authorization();
      }
    }
    return null;
  }

  private static boolean matches(OAuth2Authorization a, String token, OAuth2TokenType type) {
    boolean any = type == null;
    return (any || OAuth2ParameterNames.STATE.equals(type.getValue()))
            && token.equals(a.getAttribute(OAuth2ParameterNames.STATE))
        || (any || CODE.equals(type)) && value(a.getToken(OAuth2AuthorizationCode.class), token)
        || (any || OAuth2TokenType.ACCESS_TOKEN.equals(type)) && value(a.getToken(OAuth2AccessToken.class), token);
  }

  private static boolean value(OAuth2Authorization.Token<? extends OAuth2Token> held, String token) {
    return held != null && Objects.equals(held.getToken().getTokenValue(), token);
  }
}
