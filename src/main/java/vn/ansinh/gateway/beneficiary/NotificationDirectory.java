package vn.ansinh.gateway.beneficiary;

import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where and in which shape each paying agency wants to hear about its beneficiaries (SPEC §6.5).
 *
 * @param notifications partner client id → the agency's notification endpoint and format
 */
@ConfigurationProperties("gateway")
public record NotificationDirectory(Map<String, Endpoint> notifications) {

  public NotificationDirectory {
    notifications = notifications == null ? Map.of() : Map.copyOf(notifications);
  }

  /** DOLISA takes plain JSON; VSS its own shape with Vietnamese field names and dd/MM/yyyy dates. */
  public enum Format { DOLISA_JSON, VSS }

  /**
   * @param url    the agency's notification endpoint
   * @param format the agency's message shape
   */
  public record Endpoint(String url, Format format) {}

  public Optional<Endpoint> find(String partner) {
    return Optional.ofNullable(notifications.get(partner));
  }
}
