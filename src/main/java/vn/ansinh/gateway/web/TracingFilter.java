package vn.ansinh.gateway.web;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Locale;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.ansinh.gateway.operations.Traces;

/**
 * One server span per request, continuing the caller's W3C {@code traceparent} when it sends one:
 * everything the request does (the audit events, the agency calls, the outbox work it queues)
 * belongs to that trace. The span carries the method and status only; paths and queries can hold ids.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class TracingFilter extends OncePerRequestFilter {

  private final Traces traces;

  public TracingFilter(Traces traces) {
    this.traces = traces;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Span span = traces.start("http " + request.getMethod().toLowerCase(Locale.ROOT), Span.Kind.SERVER,
        request.getHeader(Traces.TRACEPARENT)).tag("http.request.method", request.getMethod());
    try (Tracer.SpanInScope scope = traces.inScope(span)) {
      chain.doFilter(request, response);
      span.tag("http.response.status_code", Integer.toString(response.getStatus()));
    } catch (IOException | ServletException | RuntimeException e) {
      span.error(e);
      throw e;
    } finally {
      span.end();
    }
  }
}
