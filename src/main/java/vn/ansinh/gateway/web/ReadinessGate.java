package vn.ansinh.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.ansinh.gateway.error.NotReadyException;

/**
 * Tomcat answers before Camel's routes run, and keeps answering while the instance shuts down:
 * until the application is ready (routes started) and from the moment shutdown begins, API and SOAP
 * calls get 503 with Retry-After instead of a 500 from a route that is not there. Requests already
 * inside finish (graceful drain).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class ReadinessGate extends OncePerRequestFilter {

  private final ApplicationAvailability availability;
  private final ProblemWriter problems;
  private final String retryAfterSeconds;

  public ReadinessGate(ApplicationAvailability availability, ProblemWriter problems,
      @Value("${gateway.readiness.retry-after:5s}") Duration retryAfter) {
    this.availability = availability;
    this.problems = problems;
    this.retryAfterSeconds = Long.toString(Math.max(1, retryAfter.toSeconds()));
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    // the demo population registry is an agency the gateway itself calls, also while draining
    return !(path.startsWith("/api/") || path.startsWith("/ws/")) || path.startsWith("/ws/sim/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC) {
      chain.doFilter(request, response);
      return;
    }
    response.setHeader(HttpHeaders.RETRY_AFTER, retryAfterSeconds);
    problems.write(request, response, new NotReadyException());
  }
}
