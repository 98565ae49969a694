package vn.ansinh.gateway.payment;

import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The e-wallet providers the gateway pays through (SPEC §4.15), configured like the banks.
 *
 * @param wallets the providers, each with its code, name, API address and the partner that reports for it
 */
@ConfigurationProperties("gateway")
public record WalletDirectory(List<Provider> wallets) {

  public WalletDirectory {
    wallets = wallets == null ? List.of() : List.copyOf(wallets);
  }

  /**
   * @param code    the provider's code in payment rows and registrations (walletProvider), e.g. VIETTELMONEY
   * @param name    the provider's name
   * @param url     base URL of its API (contracts/wallets/openapi.yaml): ownership checks and payment orders
   * @param partner the client id the provider pushes its signed reports with; its public key is that partner's
   *                {@code jws-public-key-location}
   */
  public record Provider(String code, String name, String url, String partner) {}

  public Optional<Provider> find(String code) {
    return code == null ? Optional.empty() : wallets.stream().filter(p -> p.code().equals(code)).findFirst();
  }

  /** The provider a partner reports for, if it is one. */
  public Optional<Provider> ofPartner(String clientId) {
    return wallets.stream().filter(p -> p.partner() != null && p.partner().equals(clientId)).findFirst();
  }
}
