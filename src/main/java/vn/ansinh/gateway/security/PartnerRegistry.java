package vn.ansinh.gateway.security;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The registered partners, from configuration ({@code gateway.partners}). */
@ConfigurationProperties("gateway")
public class PartnerRegistry {

  private final Map<String, Partner> byClientId;

  public PartnerRegistry(List<Partner> partners) {
    List<Partner> all = partners == null ? List.of() : partners;
    this.byClientId = all.stream().collect(Collectors.toUnmodifiableMap(Partner::clientId, Function.identity()));
  }

  public Optional<Partner> find(String clientId) {
    return Optional.ofNullable(byClientId.get(clientId));
  }

  public List<Partner> all() {
    return List.copyOf(byClientId.values());
  }
}
