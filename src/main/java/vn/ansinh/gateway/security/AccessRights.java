package vn.ansinh.gateway.security;

import java.util.function.Supplier;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/** A request passes only with a valid token, the scope, and the partner's access right to the service. */
@Component
public class AccessRights {

  private final PartnerRegistry partners;

  public AccessRights(PartnerRegistry partners) {
    this.partners = partners;
  }

  public AuthorizationManager<RequestAuthorizationContext> allow(String scope, String service) {
    String authority = "SCOPE_" + scope;
    return new AuthorizationManager<>() {
      @Override
      @SuppressWarnings("deprecation")
      public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext ctx) {
        Authentication auth = authentication.get();
        boolean granted = auth instanceof JwtAuthenticationToken
            && auth.isAuthenticated()
            && auth.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()))
            && partners.find(auth.getName()).map(p -> p.mayUse(service)).orElse(false);
        return new AuthorizationDecision(granted);
      }
    };
  }
}
