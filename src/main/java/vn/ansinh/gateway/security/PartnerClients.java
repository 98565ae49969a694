package vn.ansinh.gateway.security;

import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

/**
 * The authorization server's clients: the registered partners (client credentials only) and, when
 * its pages' addresses are configured, the staff console (authorization code with PKCE, no secret).
 * (The in-memory repository of Spring Authorization Server rejects shared secrets, which demo mode has.)
 */
final class PartnerClients implements RegisteredClientRepository {

  private final Map<String, RegisteredClient> byClientId;

  private static final Duration CODE_TTL = Duration.ofMinutes(2);

  PartnerClients(PartnerRegistry partners, SecurityProperties properties, StaffProperties.Console console) {
    Stream<RegisteredClient> systems = partners.all().stream()
        .map(p -> RegisteredClient.withId(p.clientId())
            .clientId(p.clientId())
            .clientSecret(p.secret())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
            .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
            .scopes(s -> s.addAll(p.scopes()))
            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl()).build())
            .build());
    Stream<RegisteredClient> staff = console.redirectUris().isEmpty() ? Stream.empty() : Stream.of(
        RegisteredClient.withId(StaffProperties.Console.CLIENT_ID)
            .clientId(StaffProperties.Console.CLIENT_ID)
            .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUris(u -> u.addAll(console.redirectUris()))
            .scopes(s -> s.addAll(console.scopes()))
            .clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
            .tokenSettings(TokenSettings.builder().accessTokenTimeToLive(properties.tokenTtl())
                .authorizationCodeTimeToLive(CODE_TTL).build())
            .build());
    this.byClientId = Stream.concat(systems, staff)
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
