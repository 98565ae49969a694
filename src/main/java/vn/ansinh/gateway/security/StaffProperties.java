package vn.ansinh.gateway.security;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * People who sign in through a browser (information-security staff, operators), as opposed to
 * partner systems: they log in on the embedded authorization server and the staff pages get a
 * token for them with the authorization-code flow (PKCE, a public client).
 *
 * @param console the browser client the staff pages use
 * @param lockout how many wrong passwords lock a staff user out, and for how long
 * @param users   the staff users; passwords in Spring's delegating format ({bcrypt}…)
 * @param contentSecurityPolicy the Content-Security-Policy of the staff pages and the sign-in pages
 */
@ConfigurationProperties("gateway.staff")
public record StaffProperties(Console console, Lockout lockout, List<StaffUser> users, String contentSecurityPolicy) {

  public StaffProperties {
    contentSecurityPolicy = contentSecurityPolicy == null || contentSecurityPolicy.isBlank()
        ? "default-src 'self'; frame-ancestors 'none'" : contentSecurityPolicy;
    console = console == null ? new Console(null, null) : console;
    lockout = lockout == null ? new Lockout(5, Duration.ofMinutes(15)) : lockout;
    users = users == null ? List.of() : List.copyOf(users);
  }

  /**
   * After {@code maxFailures} wrong passwords in a row a staff user cannot sign in for
   * {@code duration}, even with the right one.
   */
  public record Lockout(int maxFailures, Duration duration) {}

  /**
   * The staff pages' public OAuth2 client, {@value #CLIENT_ID} (the pages name it).
   *
   * @param redirectUris the pages' addresses, exactly (a loopback address matches on any port);
   *                     none means no browser sign-in
   * @param scopes       the most a staff token may carry; each user's own scopes narrow it
   */
  public record Console(List<String> redirectUris, Set<String> scopes) {

    public static final String CLIENT_ID = "gateway-console";

    public Console {
      redirectUris = redirectUris == null ? List.of() : List.copyOf(redirectUris);
      scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
    }
  }

  /**
   * @param username the login name; never the same as a partner's client id
   * @param password the password in Spring's delegating format
   * @param role     what the person does (INFORMATION_SECURITY, OPERATIONS, …), as a partner's role
   * @param scopes   the scopes this person's token may carry
   * @param services the services this person has an access right to
   */
  public record StaffUser(String username, String password, String role, Set<String> scopes, Set<String> services) {

    public StaffUser {
      scopes = scopes == null ? Set.of() : Set.copyOf(scopes);
      services = services == null ? Set.of() : Set.copyOf(services);
    }
  }
}
