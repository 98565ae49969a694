package vn.ansinh.gateway.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * Who is calling: a partner system (client credentials) or a staff member signed in through the
 * staff console, told apart by the client the token was issued to, never by the name alone.
 */
@Component
public class Callers {

  /** The claim naming the client a token was issued to (RFC 9068). */
  static final String CLIENT_ID = "client_id";
  private final PartnerRegistry partners;
  private final StaffUsers staff;

  public Callers(PartnerRegistry partners, StaffUsers staff) {
    this.partners = partners;
    this.staff = staff;
  }

  static boolean isStaff(JwtAuthenticationToken token) {
    return StaffProperties.Console.CLIENT_ID.equals(token.getToken().getClaimAsString(CLIENT_ID));
  }

  /** Whether the caller has an access right to the service. */
  boolean mayUse(JwtAuthenticationToken token, String service) {
    if (isStaff(token)) {
      return staff.find(token.getName()).map(u -> u.services().contains(service)).orElse(false);
    }
    return partners.find(token.getName()).map(p -> p.mayUse(service)).orElse(false);
  }

  /** The caller's role (TREASURY, OPERATIONS, …), or "" when it has none. */
  public String role(Authentication caller) {
    if (caller instanceof JwtAuthenticationToken token && isStaff(token)) {
      return staff.find(token.getName()).map(StaffProperties.StaffUser::role).orElse("");
    }
    return partners.find(caller.getName()).map(Partner::role).orElse("");
  }
}
