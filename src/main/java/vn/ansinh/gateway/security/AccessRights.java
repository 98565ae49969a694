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

  private final Callers callers;

  public AccessRights(Callers callers) {
    this.callers = callers;
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
            && callers.mayUse(jwt, service);
        return new AuthorizationDecision(granted);
      }
    };
  }
}
