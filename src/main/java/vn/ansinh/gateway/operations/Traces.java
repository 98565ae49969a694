package vn.ansinh.gateway.operations;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * W3C trace context across the gateway's hops: a partner's request (its {@code traceparent} is
 * continued, or a trace begins), the agency calls made for it, and outbox work queued by it, which
 * resumes the request's trace when it runs, later and perhaps on another instance. Spans leave the
 * process only when an OTLP endpoint is configured; the trace id is kept in the audit trail either way.
 */
@Component
public class Traces {

  public static final String TRACEPARENT = "traceparent";

  private final Tracer tracer;
  private final Propagator propagator;

  public Traces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
  }

  /** The current trace's id (32 hex digits), or null outside any trace. */
  public String currentTraceId() {
    Span span = tracer.currentSpan();
    String id = span == null ? null : span.context().traceId();
    return id == null || id.isEmpty() ? null : id;
  }

  /** The current span as a {@code traceparent} value, or null outside any trace. */
  public String currentTraceParent() {
    Span span = tracer.currentSpan();
    return span == null ? null : traceParent(span);
  }

  /** The span as a {@code traceparent} value: what the next hop continues. */
  public String traceParent(Span span) {
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(span.context(), carrier, Map::put);
    return carrier.get(TRACEPARENT);
  }

  /**
   * Starts a span continuing the trace in {@code traceParent} (a new trace when it is null or not
   * W3C); the caller ends it, and makes it current where work runs under it.
   */
  public Span start(String name, Span.Kind kind, String traceParent) {
    Span.Builder builder = traceParent == null ? tracer.spanBuilder().setNoParent()
        : propagator.extract(Map.of(TRACEPARENT, traceParent), (carrier, key) -> carrier.get(key));
    return builder.name(name).kind(kind).start();
  }

  /** A child of the current span (or a new trace outside any), started; the caller ends it. */
  public Span startChild(String name, Span.Kind kind) {
    Span current = tracer.currentSpan();
    Span.Builder builder = tracer.spanBuilder();
    builder = current == null ? builder.setNoParent() : builder.setParent(current.context());
    return builder.name(name).kind(kind).start();
  }

  /** Makes the span current until the scope is closed (the caller still ends the span). */
  public Tracer.SpanInScope inScope(Span span) {
    return tracer.withSpan(span);
  }
}
