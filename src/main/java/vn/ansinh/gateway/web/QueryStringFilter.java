package vn.ansinh.gateway.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A query string that does not decode (a {@code %} not followed by two hexadecimal digits, or
 * escapes that are not UTF-8) is refused with a 400, as a problem or a SOAP Client fault on /ws.
 * Left to Tomcat, the parameter would be dropped without a word (a filter the caller gave would
 * silently not apply) and its raw value written to the log.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 7)
public class QueryStringFilter extends OncePerRequestFilter {

  private final ProblemWriter problems;

  public QueryStringFilter(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String query = request.getQueryString();
    if (query == null || decodes(query)) {
      chain.doFilter(request, response);
      return;
    }
    String reason = "the query string does not decode: each % must start an escape of two hexadecimal digits,"
        + " and the escapes must be UTF-8";
    if (request.getRequestURI().startsWith("/ws/")) {
      SoapFaults.writeClientFault(response, reason);
      return;
    }
    problems.write(response, ProblemWriter.problem(400, "invalid-request", "Invalid request",
        "The request is not valid: " + reason));
  }

  /** Whether every name and value of the query decodes, as application/x-www-form-urlencoded UTF-8. */
  static boolean decodes(String query) {
    for (String part : query.split("[&=]", -1)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(part.length());
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (c != '%') {
          if (c > 0x7f) {
            return false;   // Tomcat hands the query over as received: anything else must be escaped
          }
          bytes.write(c);
          continue;
        }
        if (i + 2 >= part.length()) {
          return false;
        }
        int high = Character.digit(part.charAt(i + 1), 16);
        int low = Character.digit(part.charAt(i + 2), 16);
        if (high < 0 || low < 0) {
          return false;
        }
        bytes.write(high * 16 + low);
        i += 2;
      }
      try {
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()));
      } catch (CharacterCodingException e) {
        return false;
      }
    }
    return true;
  }
}
