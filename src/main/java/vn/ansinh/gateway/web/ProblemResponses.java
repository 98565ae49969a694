package vn.ansinh.gateway.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.List;
import org.apache.camel.CamelExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import vn.ansinh.gateway.error.DatabaseUnavailableException;
import vn.ansinh.gateway.error.GatewayException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.PayloadTooLargeException;
import vn.ansinh.gateway.error.Violation;

/** The one place where failures become RFC 9457 problems for REST callers. Never a stack trace. */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);
  private static final MediaType PROBLEM = MediaType.parseMediaType(ProblemWriter.MEDIA_TYPE);
  private static final String RETRY_AFTER_SECONDS = "10";

  @ExceptionHandler(GatewayException.class)
  ResponseEntity<ProblemDetail> gateway(GatewayException e) {
    return respond(e);
  }

  @ExceptionHandler(CamelExecutionException.class)
  ResponseEntity<ProblemDetail> flow(CamelExecutionException e) {
    GatewayException typed = GatewayFailures.find(e);
    if (typed != null) {
      return respond(typed);
    }
    return unexpected(e);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemDetail> parameter(MethodArgumentTypeMismatchException e) {
    return respond(new InvalidRequestException(e.getName(), e.getRequiredType() == java.time.Instant.class
        ? "must be a date and time as yyyy-MM-ddTHH:mm:ssZ (RFC 3339), within the accepted range"
        : "has the wrong format"));
  }

  /** The firewall checks parameters when a handler reads them: a control character in one is the caller's. */
  @ExceptionHandler(org.springframework.security.web.firewall.RequestRejectedException.class)
  ResponseEntity<ProblemDetail> rejected(Exception e) {
    return ResponseEntity.badRequest().contentType(PROBLEM).body(ProblemWriter.problem(400, "invalid-request",
        "Invalid request", "The request's address, parameters or headers contain something the gateway refuses"));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    GatewayException typed = GatewayFailures.find(e);
    if (typed != null) {
      return respond(typed);
    }
    if (GatewayFailures.unreadableBody(e)) {
      return respond(new InvalidRequestException("body",
          "could not be read: malformed, cut short, or not in its declared character encoding"));
    }
    if (GatewayFailures.fromDatabase(e)) {
      log.error("Database failure: {}", GatewayFailures.withoutMessages(e));
      return respond(new DatabaseUnavailableException(e));
    }
    log.error("Unexpected failure: {}", GatewayFailures.withoutMessages(e));
    return ResponseEntity.status(500).contentType(PROBLEM)
        .body(ProblemWriter.problem(500, "internal-error", "Internal error",
            "The gateway could not complete the request; quote the request id to the operators."));
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
      HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    PayloadTooLargeException tooLarge = GatewayFailures.causeOfType(e, PayloadTooLargeException.class);
    if (tooLarge != null) {
      return ResponseEntity.status(413).contentType(PROBLEM).body(ProblemWriter.problem(tooLarge));
    }
    GatewayException typed = GatewayFailures.find(e);
    if (typed != null) {
      return ResponseEntity.status(typed.status()).contentType(PROBLEM).body(ProblemWriter.problem(typed));
    }
    // never echo the offending value: it may be personal data
    Violation violation = GatewayFailures.unreadableBody(e)
        ? Violation.of("body", "could not be read: malformed, cut short, or not in its declared character encoding")
        : e.getCause() instanceof JsonProcessingException j ? StrictJson.violation(j)
        : e.getCause() == null ? Violation.of("body", "is required") : Violation.of("body", "is not well-formed JSON");
    return ResponseEntity.badRequest().contentType(PROBLEM)
        .body(ProblemWriter.problem(new InvalidRequestException(List.of(violation))));
  }

  @Override
  protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
      HttpStatusCode status, WebRequest request) {
    Object spring = body == null && e instanceof ErrorResponse er ? er.getBody() : body;
    ProblemDetail p = ProblemWriter.problem(status.value(), slug(status), titleOf(spring),
        spring instanceof ProblemDetail pd && pd.getDetail() != null ? pd.getDetail() : "The request was not processed");
    return ResponseEntity.status(status).headers(headers).contentType(PROBLEM).body(p);
  }

  private static ResponseEntity<ProblemDetail> respond(GatewayException e) {
    ResponseEntity.BodyBuilder b = ResponseEntity.status(e.status()).contentType(PROBLEM);
    if (e.status() == 503) {   // every 503 says when to come back
      b.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    return b.body(ProblemWriter.problem(e));
  }

  private static String slug(HttpStatusCode status) {
    return switch (status.value()) {
      case 404 -> "not-found";
      case 405 -> "method-not-allowed";
      case 406 -> "not-acceptable";
      case 415 -> "unsupported-media-type";
      case 413 -> "payload-too-large";
      default -> status.is4xxClientError() ? "invalid-request" : "internal-error";
    };
  }

  private static String titleOf(@Nullable Object body) {
    return body instanceof ProblemDetail pd && pd.getTitle() != null ? pd.getTitle() : "Request not processed";
  }
}
