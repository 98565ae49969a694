package vn.ansinh.gateway.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.error.GatewayException;
import vn.ansinh.gateway.error.Violation;

/** Builds RFC 9457 problems, and writes them where Spring MVC is not in charge (filters, security). */
@Component
public class ProblemWriter {

  public static final String MEDIA_TYPE = "application/problem+json";
  private final ObjectMapper json;

  public ProblemWriter(ObjectMapper json) {
    this.json = json;
  }

  public static ProblemDetail problem(int status, String type, String title, String detail) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.valueOf(status), detail);
    p.setType(URI.create("urn:ansinh:problem:" + type));
    p.setTitle(title);
    String requestId = MDC.get(RequestIdFilter.MDC_KEY);
    if (requestId != null) {
      p.setProperty("requestId", requestId);
    }
    return p;
  }

  public static ProblemDetail problem(GatewayException e) {
    ProblemDetail p = problem(e.status(), e.problemType(), e.title(), e.getMessage());
    if (!e.violations().isEmpty()) {
      p.setProperty("errors", errors(e.violations()));
    }
    return p;
  }

  public static List<Map<String, Object>> errors(List<Violation> violations) {
    return violations.stream().map(v -> v.row() == null
        ? Map.<String, Object>of("field", v.field(), "reason", v.reason())
        : Map.<String, Object>of("row", v.row(), "field", v.field(), "reason", v.reason())).toList();
  }

  public void write(HttpServletRequest request, HttpServletResponse response, GatewayException e) throws IOException {
    write(response, problem(e));
  }

  public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    response.setStatus(problem.getStatus());
    if (problem.getProperties() != null && problem.getProperties().get("requestId") instanceof String id) {
      response.setHeader(RequestIdFilter.HEADER, id);   // again: a reset response (error dispatch) lost it
    }
    response.setContentType(MEDIA_TYPE);
    response.setCharacterEncoding("UTF-8");
    json.writeValue(response.getOutputStream(), problem);
  }
}
