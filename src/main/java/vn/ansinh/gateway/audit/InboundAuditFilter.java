package vn.ansinh.gateway.audit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.ansinh.gateway.error.AuditUnavailableException;
import vn.ansinh.gateway.web.ProblemWriter;
import vn.ansinh.gateway.web.RequestIdFilter;
import vn.ansinh.gateway.web.ServiceCatalog;

/**
 * Records every inbound API and SOAP exchange and every staff sign-in — refused ones included — as an audit event, and
 * times it per partner, service and outcome. Runs outside Spring Security so 401s are recorded.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class InboundAuditFilter extends OncePerRequestFilter {

  private static final int MAX_HEADER = 200;
  private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
  private final AuditTrail trail;
  private final ProblemWriter problems;
  private final MeterRegistry meters;
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();

  public InboundAuditFilter(AuditTrail trail, MeterRegistry meters, ProblemWriter problems) {
    this.problems = problems;
    this.trail = trail;
    this.meters = meters;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI();
    if (path.startsWith("/ws/sim/")) {
      return true;
    }
    boolean document = "GET".equals(request.getMethod()) && request.getQueryString() != null
        && request.getQueryString().toLowerCase().startsWith("wsdl");
    boolean staffSignIn = "POST".equals(request.getMethod()) && "/login".equals(path);
    return document || !(path.startsWith("/api/") || path.startsWith("/ws/") || staffSignIn);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long start = System.nanoTime();
    Instant at = Instant.now();
    AuditContext context = AuditContext.open(MDC.get(RequestIdFilter.MDC_KEY),
        clip(request.getHeader("X-Road-Client")), clip(request.getHeader("X-Road-Id")));
    DigestingRequest in = new DigestingRequest(request);
    DigestingResponse out = new DigestingResponse(response);
    try {
      if (trail.accepting()) {
        chain.doFilter(in, out);
      } else {
        // fail closed: nothing is served that the trail cannot record; the refusal itself is queued
        out.setHeader("Retry-After", "10");
        problems.write(request, out, new AuditUnavailableException());
      }
    } finally {
      AuditContext.close();
      int status = out.getStatus();
      ServiceCatalog.Operation op = ServiceCatalog.resolve(request.getMethod(), request.getRequestURI());
      String outcome = context.outcome() != null ? context.outcome() : Outcomes.fromStatus(status);
      long nanos = System.nanoTime() - start;
      trail.record(new AuditEvent(at, AuditEvent.Direction.INBOUND, context.partner(), context.xroadClient(),
          context.xroadId(), op.service(), op.operation(), outcome, status,
          (int) TimeUnit.NANOSECONDS.toMillis(nanos), context.requestId(), in.sha256(), out.sha256(),
          context.subjectHash()));
      timer(context.partner(), op.service(), outcome).record(nanos, TimeUnit.NANOSECONDS);
    }
  }

  /** One timer per partner, service and outcome: a bounded set, looked up without Micrometer's tag sorting. */
  private Timer timer(String partner, String service, String outcome) {
    return timers.computeIfAbsent(partner + '|' + service + '|' + outcome, k -> Timer.builder("gateway.requests")
        .tag("partner", partner).tag("service", service).tag("outcome", outcome).register(meters));
  }

  private static String clip(String header) {
    if (header == null) {
      return null;
    }
    String clean = CONTROL.matcher(header).replaceAll("");
    return clean.length() > MAX_HEADER ? clean.substring(0, MAX_HEADER) : clean;
  }
}
