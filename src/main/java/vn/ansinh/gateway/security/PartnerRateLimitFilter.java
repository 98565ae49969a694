package vn.ansinh.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.ansinh.gateway.web.ProblemWriter;

/** After the token is checked: a partner over its rate gets 429 with Retry-After, before any work is done. */
final class PartnerRateLimitFilter extends OncePerRequestFilter {

  private final PartnerRateLimits limits;
  private final ProblemWriter problems;

  PartnerRateLimitFilter(PartnerRateLimits limits, ProblemWriter problems) {
    this.limits = limits;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (auth instanceof JwtAuthenticationToken jwt && auth.isAuthenticated() && !limits.permits(clientId(jwt))) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(PartnerRateLimits.PERIOD.toSeconds()));
      problems.write(response, ProblemWriter.problem(429, "rate-limited", "Too many requests",
          "This partner has used its requests for this second; try again after Retry-After seconds"));
      return;
    }
    chain.doFilter(request, response);
  }

  private static String clientId(JwtAuthenticationToken jwt) {
    String clientId = jwt.getToken().getClaimAsString(Callers.CLIENT_ID);
    return clientId != null ? clientId : jwt.getName();
  }
}
