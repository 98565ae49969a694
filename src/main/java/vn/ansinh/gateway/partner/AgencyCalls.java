package vn.ansinh.gateway.partner;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.audit.AuditChain;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.AuditEvent;
import vn.ansinh.gateway.audit.AuditTrail;
import vn.ansinh.gateway.audit.Outcomes;
import vn.ansinh.gateway.error.AgencyTimeoutException;
import vn.ansinh.gateway.error.AgencyUnavailableException;
import vn.ansinh.gateway.error.GatewayException;
import vn.ansinh.gateway.operations.Traces;
import vn.ansinh.gateway.web.GatewayFailures;

/**
 * Every call to a downstream agency is timed and audited, and its failure is turned into the one
 * typed error the caller sees: {@link AgencyTimeoutException} (504) or
 * {@link AgencyUnavailableException} (503). Routes set the {@code agency} and
 * {@code agencyOperation} properties and call {@code started}, then {@code answered} or {@code failed}.
 */
@Component("agencyCalls")
public class AgencyCalls {

  public static final String AGENCY = "agency";
  public static final String OPERATION = "agencyOperation";
  static final String RESPONSE_BYTES = "agencyResponseBytes";
  private static final String STARTED_NANOS = "agencyCallStartedNanos";
  private static final String STARTED_AT = "agencyCallStartedAt";
  private static final String REQUEST_SHA256 = "agencyRequestSha256";

  private static final String SPAN = "agencyCallSpan";

  private final AuditTrail trail;
  private final Traces traces;
  private final MeterRegistry meters;

  public AgencyCalls(AuditTrail trail, Traces traces, MeterRegistry meters) {
    this.trail = trail;
    this.traces = traces;
    this.meters = meters;
  }

  public void started(Exchange exchange) {
    // a client span in the caller's trace; the agency gets it as its W3C traceparent
    String agency = exchange.getProperty(AGENCY, String.class);
    Span span = traces.startChild("call " + agency, Span.Kind.CLIENT).remoteServiceName(agency)
        .tag("agency.operation", String.valueOf(exchange.getProperty(OPERATION, String.class)))
        .tag("camel.route", String.valueOf(exchange.getFromRouteId()));
    exchange.setProperty(SPAN, span);
    String traceParent = traces.traceParent(span);
    if (traceParent != null) {
      exchange.getMessage().setHeader(Traces.TRACEPARENT, traceParent);
    }
    exchange.setProperty(STARTED_NANOS, System.nanoTime());
    exchange.setProperty(STARTED_AT, Instant.now());
    byte[] body = exchange.getMessage().getBody(byte[].class);
    exchange.setProperty(REQUEST_SHA256, body == null ? null : AuditChain.sha256Hex(body));
  }

  public void answered(Exchange exchange) {
    Integer status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
    record(exchange, Outcomes.OK, status != null ? status : 200);
    ended(exchange, null);
  }

  public void failed(Exchange exchange) {
    Throwable cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
    String agency = exchange.getProperty(AGENCY, String.class);
    GatewayException typed = classify(agency, cause);
    HttpOperationFailedException http = GatewayFailures.causeOfType(cause, HttpOperationFailedException.class);
    record(exchange, typed instanceof AgencyTimeoutException ? Outcomes.TIMEOUT : Outcomes.UNAVAILABLE,
        http != null ? http.getStatusCode() : null);
    ended(exchange, typed);
    throw typed;
  }

  private static void ended(Exchange exchange, Throwable failure) {
    Span span = exchange.getProperty(SPAN, Span.class);
    if (span != null) {
      if (failure != null) {
        span.error(failure);
      }
      span.end();
      exchange.removeProperty(SPAN);
    }
  }

  static GatewayException classify(String agency, Throwable cause) {
    GatewayException typed = GatewayFailures.find(cause);
    if (typed != null) {
      return typed;
    }
    if (GatewayFailures.causeOfType(cause, SocketTimeoutException.class) != null
        || GatewayFailures.causeOfType(cause, HttpTimeoutException.class) != null
        || GatewayFailures.causeOfType(cause, TimeoutException.class) != null) {
      return new AgencyTimeoutException(agency, "The " + agency + " did not answer in time", cause);
    }
    if (GatewayFailures.causeOfType(cause, CallNotPermittedException.class) != null) {
      return new AgencyUnavailableException(agency,
          "The " + agency + " is failing; calls are paused while its circuit is open", cause);
    }
    HttpOperationFailedException http = GatewayFailures.causeOfType(cause, HttpOperationFailedException.class);
    if (http != null) {
      return new AgencyUnavailableException(agency,
          "The " + agency + " answered HTTP " + http.getStatusCode(), cause);
    }
    if (GatewayFailures.causeOfType(cause, IOException.class) != null) {
      return new AgencyUnavailableException(agency, "The " + agency + " could not be reached", cause);
    }
    return new AgencyUnavailableException(agency, "The call to the " + agency + " failed", cause);
  }

  private void record(Exchange exchange, String outcome, Integer status) {
    Long startedNanos = exchange.getProperty(STARTED_NANOS, Long.class);
    Instant startedAt = exchange.getProperty(STARTED_AT, Instant.class);
    byte[] response = exchange.getProperty(RESPONSE_BYTES, byte[].class);
    AuditContext context = AuditContext.current();
    long nanos = startedNanos == null ? 0 : System.nanoTime() - startedNanos;
    Timer.builder("gateway.agency.calls").description("Calls to downstream agencies, by agency, operation and outcome")
        .tag("agency", String.valueOf(exchange.getProperty(AGENCY, String.class)))
        .tag("operation", String.valueOf(exchange.getProperty(OPERATION, String.class)))
        .tag("outcome", outcome).register(meters).record(nanos, TimeUnit.NANOSECONDS);
    trail.record(new AuditEvent(startedAt != null ? startedAt : Instant.now(), AuditEvent.Direction.OUTBOUND,
        context.partner(), context.xroadClient(), context.xroadId(), exchange.getProperty(AGENCY, String.class),
        exchange.getProperty(OPERATION, String.class), outcome, status, (int) TimeUnit.NANOSECONDS.toMillis(nanos),
        context.requestId(), exchange.getProperty(REQUEST_SHA256, String.class),
        response == null ? null : AuditChain.sha256Hex(response), context.subjectHash()));
  }
}
