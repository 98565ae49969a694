package vn.ansinh.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.ansinh.gateway.web.ProblemWriter;
import vn.ansinh.gateway.web.ServiceCatalog;

/**
 * A known REST path with another method answers 405 with {@code Allow}, once the caller is
 * authenticated (without a token it stays 401). Deny-by-default would otherwise make it 403, as if
 * the caller lacked a right; HEAD and OPTIONS are other methods too, so no GET runs unchecked.
 */
final class MethodNotAllowedFilter extends OncePerRequestFilter {

  private static final String API = "/api/v1/";
  private final ProblemWriter problems;

  MethodNotAllowedFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    Authentication auth = SecurityContextHolder.getContext().getAuthentication();
    if (path.startsWith(API) && auth != null && auth.isAuthenticated()) {
      List<String> allowed = ServiceCatalog.methodsOf(path);
      if (!allowed.isEmpty() && !allowed.contains(request.getMethod())) {
        response.setHeader(HttpHeaders.ALLOW, String.join(", ", allowed));
        problems.write(response, ProblemWriter.problem(405, "method-not-allowed", "Method not allowed",
            "This path takes " + String.join(", ", allowed) + " only"));
        return;
      }
    }
    chain.doFilter(request, response);
  }
}
