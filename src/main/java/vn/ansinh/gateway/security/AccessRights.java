package vn.ansinh.gateway.security;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * A request passes only with a valid token, the scope, and the caller's access right to the
 * service: a partner system's, or — for a token the staff console obtained — the staff user's.
 */
@Component
public class AccessRights {

  /** The claim naming the client a token was issued to (RFC 9068). */
  static final String CLIENT_ID = "client_id";
  private final PartnerRegistry partners;
  private final StaffUsers staff;

  public AccessRights(PartnerRegistry partners, StaffUsers staff) {
    this.partners = partners;
    this.staff = staff;
  }

  public AuthorizationManager<RequestAuthorizationContext> allow(String scope, String service) {
    String authority = "SCOPE_" + scope;
    return new AuthorizationManager<>() {
      @Override
      @SuppressWarnings("deprecation")
      public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext ctx) {
        Authentication auth = authentication.get();
        boolean granted = auth instanceof JwtAuthenticationToken jwt
            && auth.isAuthenticated()
            && auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()))
            && mayUse(jwt, service);
        return new AuthorizationDecision(granted);
      }
    };
  }

  private boolean mayUse(JwtAuthenticationToken jwt, String service) {
    if (StaffProperties.Console.CLIENT_ID.equals(jwt.getToken().getClaimAsString(CLIENT_ID))) {
      return staff.find(jwt.getName()).map(u -> u.services().contains(service)).orElse(false);
    }
    return partners.find(jwt.getName()).map(p -> p.mayUse(service)).orElse(false);
  }
}
