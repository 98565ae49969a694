package vn.ansinh.gateway.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import vn.ansinh.gateway.error.GatewayException;

/**
 * {@code /error}, where the servlet container sends what failed outside Spring MVC (a body that
 * cannot be read, an exception in a filter): a problem like every other, never Spring Boot's
 * default page. Asked for directly, it is a resource that does not exist.
 */
@Controller
public class ErrorEndpoint implements ErrorController {

  private static final Logger log = LoggerFactory.getLogger(ErrorEndpoint.class);
  private final ProblemWriter problems;

  public ErrorEndpoint(ProblemWriter problems) {
    this.problems = problems;
  }

  @RequestMapping("/error")
  public void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    Throwable failure = (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
    if (response.isCommitted()) {
      return;
    }
    response.reset();
    if (code == null) {
      problems.write(response, ProblemWriter.problem(404, "not-found", "Not found", "No such resource"));
      return;
    }
    GatewayException typed = GatewayFailures.find(failure);
    if (typed != null) {
      problems.write(response, ProblemWriter.problem(typed));
      return;
    }
    // a body a filter had to read before any handler (a form) and could not: the caller's fault as well
    if (GatewayFailures.unreadableBody(failure)
        || GatewayFailures.causeOfType(failure, HttpMessageNotReadableException.class) != null) {
      problems.write(response, ProblemWriter.problem(400, "invalid-request", "Invalid request",
          "The request body could not be read: malformed (its chunks or its encoding), or cut short"));
      return;
    }
    int status = code instanceof Integer i && i >= 400 && i <= 599 ? i : 500;
    ProblemDetail problem = status == 400
        ? ProblemWriter.problem(400, "invalid-request", "Invalid request", "The request was refused as invalid")
        : ContainerProblems.forStatus(status);
    if (problem.getStatus() >= 500) {
      log.error("Unexpected failure outside the handlers: {}",
          failure == null ? "status " + status : GatewayFailures.withoutMessages(failure));
    }
    problems.write(response, problem);
  }

  static String titleOf(int status) {
    HttpStatus known = HttpStatus.resolve(status);
    return known == null ? "Request not processed" : known.getReasonPhrase();
  }
}
