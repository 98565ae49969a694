package vn.ansinh.gateway.security;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;

/**
 * Client-credentials tokens are self-contained JWTs checked by signature, so issued tokens are not
 * kept: an in-memory store would grow with every token and differ between instances.
 */
final class StatelessAuthorizationService implements OAuth2AuthorizationService {

  @Override
  public void save(OAuth2Authorization authorization) {}

  @Override
  public void remove(OAuth2Authorization authorization) {}

  @Override
  public OAuth2Authorization findById(String id) {
    return null;
  }

  @Override
  public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
    return null;
  }
}
