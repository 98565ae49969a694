package vn.ansinh.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A body in a character encoding the gateway does not know (or a Content-Type it cannot parse) is
 * refused before anything reads it: 415 as a problem, or a SOAP Client fault on /ws. Left to the
 * readers, CXF and Tomcat would fail with a 500.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class DeclaredCharsetFilter extends OncePerRequestFilter {

  private final ProblemWriter problems;

  public DeclaredCharsetFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentType() == null || known(request.getContentType())) {
      chain.doFilter(request, response);
      return;
    }
    if (request.getRequestURI().startsWith("/ws/")) {
      SoapFaults.writeClientFault(response, "the declared character encoding is not supported; send UTF-8");
      return;
    }
    problems.write(response, ProblemWriter.problem(415, "unsupported-media-type", "Unsupported Media Type",
        "The Content-Type cannot be parsed, or names a character encoding the gateway does not support"));
  }

  private static boolean known(String contentType) {
    try {
      String charset = MediaType.parseMediaType(contentType).getParameter("charset");
      return charset == null || Charset.isSupported(charset.replace("\"", ""));
    } catch (InvalidMediaTypeException | IllegalCharsetNameException e) {
      return false;
    }
  }
}
