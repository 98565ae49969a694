package vn.ansinh.gateway.security;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The authorization server's clients are the registered partners: client credentials only. (The
 * in-memory repository of Spring Authorization Server rejects shared secrets, which demo mode has.)
 */
final class PartnerClients implements RegisteredClientRepository {

  private final Map<String, RegisteredClient> byClientId;

  PartnerClients(PartnerRegistry partners, SecurityProperties properties) {
    this.byClientId = partners.all().stream()
        .map(p -> RegisteredClient.withId(p.clientId())
            .clientId(p.clientId())
            .clientSecret(p.secret())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scopes(s -> s.addAll(p.scopes()))
            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build())
            .build())
        .collect(Collectors.toUnmodifiableMap(RegisteredClient::getClientId, Function.identity()));
  }

  @Override
  public void save(RegisteredClient registeredClient) {
    // partners live in configuration; the server's attempt to re-encode a secret is not kept
  }

  @Override
  public RegisteredClient findById(String id) {
    return byClientId.get(id);
  }

  @Override
  public RegisteredClient findByClientId(String clientId) {
    return byClientId.get(clientId);
  }
}
