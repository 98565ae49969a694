package vn.ansinh.gateway.security;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.Outcomes;

/**
 * A staff sign-in on /login is on the audit trail like any exchange: under the person's name when
 * it succeeds, as UNAUTHENTICATED (and anonymous: a mistyped name may be anything) when it fails.
 * Both answer with a redirect, so the status alone would not tell them apart.
 */
@Component
class StaffSignInAudit {

  @EventListener
  void signedIn(AuthenticationSuccessEvent event) {
    if (event.getAuthentication() instanceof UsernamePasswordAuthenticationToken staff) {
      AuditContext.current().partner(staff.getName());
    }
  }

  @EventListener
  void refused(AbstractAuthenticationFailureEvent event) {
    AuditContext.current().outcome(Outcomes.UNAUTHENTICATED);
  }
}
