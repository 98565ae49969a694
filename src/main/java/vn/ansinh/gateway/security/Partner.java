package vn.ansinh.gateway.security;

import java.util.Set;

/**
 * A registered partner system: who it is on the exchange platform, what it may ask for, and the
 * services it has an access right to (X-Road style, denied unless listed).
 *
 * @param clientId OAuth2 client id
 * @param secret   client secret in Spring's delegating format, e.g. {bcrypt}…
 * @param role     the kind of agency (LABOUR_DEPARTMENT, SOCIAL_INSURANCE, TREASURY, BANK, …)
 * @param memberId X-Road-style member id, VN/GOV/agency/subsystem or VN/COM/bin/subsystem
 * @param bankBin  the bank's NAPAS BIN, for banks only
 * @param scopes   OAuth2 scopes the partner may request
 * @param services services the partner has an access right to
 * @param jwsPublicKeyLocation where the partner's public key for signed pushes is (PEM; classpath: or file:)
 */
public record Partner(String clientId, String secret, String role, String memberId, String bankBin,
    Set<String> scopes, Set<String> services, String jwsPublicKeyLocation) {

  public Partner {
    scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    services = services == null ? Set.of() : Set.copyOf(services);
  }

  public boolean mayUse(String service) {
    return services.contains(service);
  }
}
