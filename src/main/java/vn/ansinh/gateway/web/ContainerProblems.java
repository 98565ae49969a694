package vn.ansinh.gateway.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Problems for what is refused before any handler runs: Tomcat's own rejections (an encoded slash
 * or NUL in the path, a bad Host header), which it would answer with an HTML page, and Spring
 * Security's firewall (path parameters, "..", control characters), which would end in a 500.
 */
@Configuration(proxyBeanMethods = false)
public class ContainerProblems {

  /** The problem for a status when nothing more is known. */
  public static ProblemDetail forStatus(int status) {
    return switch (status) {
      case 400 -> ProblemWriter.problem(400, "invalid-request", "Invalid request",
          "The request is not valid HTTP, or its address or headers are refused");
      case 404 -> ProblemWriter.problem(404, "not-found", "Not found", "No such resource");
      case 405 -> ProblemWriter.problem(405, "method-not-allowed", "Method not allowed",
          "This resource does not take that method");
      case 413 -> ProblemWriter.problem(413, "payload-too-large", "Payload too large", "The request body is too large");
      // what the container does not implement is what the caller sent: a method, a transfer coding or an HTTP
      // version it does not take; bad input is never a 5xx here
      case 501, 505 -> ProblemWriter.problem(400, "invalid-request", "Invalid request",
          "The request uses an HTTP method, transfer coding or HTTP version the gateway does not take");
      default -> status >= 500
          ? ProblemWriter.problem(status, "internal-error", "Internal error",
              "The gateway could not complete the request; quote the request id to the operators.")
          : ProblemWriter.problem(status, "invalid-request", ErrorEndpoint.titleOf(status), "The request was not processed");
    };
  }

  @Bean
  RequestRejectedHandler requestRejectedHandler(ProblemWriter problems) {
    return (request, response, rejected) -> problems.write(response, ProblemWriter.problem(400, "invalid-request",
        "Invalid request", "The request's address or headers contain something the gateway refuses"));
  }

  /** Replaces the host's HTML error report (Spring Boot adds one of its own) with a problem. */
  @Bean
  WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
    return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
      if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
        Container host = context.getParent();
        for (Valve valve : host.getPipeline().getValves()) {
          if (valve instanceof ErrorReportValve && !(valve instanceof ProblemReportValve)) {
            host.getPipeline().removeValve(valve);
          }
        }
        if (host instanceof org.apache.catalina.core.StandardHost standard) {
          standard.setErrorReportValveClass(ProblemReportValve.class.getName());
        }
        host.getPipeline().addValve(new ProblemReportValve());
      }
    }));
  }

  /** Writes a problem for any error the container reports itself; never HTML, never a server version. */
  public static final class ProblemReportValve extends ErrorReportValve {

    public ProblemReportValve() {
      setShowReport(false);
      setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable failure) {
      int status = response.getStatus();
      if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
        return;
      }
      ProblemDetail p = forStatus(status);
      response.setStatus(p.getStatus());
      String requestId = UUID.randomUUID().toString();
      // fixed texts only: nothing from the request is echoed
      String body = "{\"type\":\"" + p.getType() + "\",\"title\":\"" + p.getTitle() + "\",\"status\":" + p.getStatus()
          + ",\"detail\":\"" + p.getDetail() + "\",\"requestId\":\"" + requestId + "\"}";
      try {
        response.setContentType(ProblemWriter.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(RequestIdFilter.HEADER, requestId);
        Writer out = response.getReporter();
        if (out != null) {
          out.write(body);
          response.finishResponse();
        }
      } catch (IOException | IllegalStateException e) {
        // the connection is gone; nothing left to tell
      }
    }
  }

}
