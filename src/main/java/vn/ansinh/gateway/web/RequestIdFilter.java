package vn.ansinh.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Accepts the caller's {@code X-Request-Id} (or makes one), echoes it on every response and puts
 * it on every log line of the request. A malformed id is replaced, so it cannot forge log lines.
 * The container's error dispatch (a body it could not read, a failure outside the handlers) runs
 * under the same id, so its problem+json names the request like every other answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final String ATTRIBUTE = RequestIdFilter.class.getName() + ".id";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  protected boolean shouldNotFilterErrorDispatch() {
    return false;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String id = (String) request.getAttribute(ATTRIBUTE);
    if (id == null) {
      String given = request.getHeader(HEADER);
      id = given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
      request.setAttribute(ATTRIBUTE, id);
    }
    response.setHeader(HEADER, id);
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(request, response);
    } finally {
      MDC.remove(MDC_KEY);
    }
  }

  @Override
  protected void doFilterNestedErrorDispatch(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    doFilterInternal(request, response, chain);
  }
}
