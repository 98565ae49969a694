package vn.ansinh.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.ansinh.gateway.format.ContentTypes;

/**
 * Takes {@code charset=x-tcvn3} or {@code charset=x-vni} out of a request's Content-Type and keeps
 * it as a request attribute: Spring resolves every declared charset through {@code Charset.forName},
 * which does not know these legacy encodings, and would answer 415 before the list is read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class LegacyCharsetFilter extends OncePerRequestFilter {

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Charset> legacy = ContentTypes.legacyCharsetOf(request.getContentType());
    if (legacy.isEmpty()) {
      chain.doFilter(request, response);
      return;
    }
    request.setAttribute(ContentTypes.LEGACY_CHARSET, legacy.get());
    String type = ContentTypes.withoutParameters(request.getContentType());
    chain.doFilter(new HttpServletRequestWrapper(request) {
      @Override
      public String getContentType() {
        return type;
      }

      @Override
      public String getCharacterEncoding() {
        return null;
      }

      @Override
      public String getHeader(String name) {
        return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? type : super.getHeader(name);
      }

      @Override
      public Enumeration<String> getHeaders(String name) {
        return HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) ? Collections.enumeration(java.util.List.of(type))
            : super.getHeaders(name);
      }
    }, response);
  }
}
