package vn.ansinh.gateway.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.error.GatewayException;
import vn.ansinh.gateway.operations.Traces;
import vn.ansinh.gateway.web.GatewayFailures;
import vn.ansinh.gateway.web.RequestIdFilter;

/**
 * Runs outbox work: each worker claims one due item in a transaction, hands it to the route
 * {@code direct:outbox-<kind>}, and commits the item's outcome with the route's own writes.
 * Failures the caller caused are dead-lettered at once; agency failures are retried with backoff
 * for {@code retry-for} (hours: a bank's outage of an afternoon costs no dead letter), then
 * dead-lettered, ready to be replayed. Workers claim only while the instance is ready: not before
 * Camel's routes run, and no more once shutdown has begun.
 */
@Component
public class OutboxWorker implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OutboxWorker.class);
  public static final String OWNER = "outboxOwner";
  public static final String SUBJECT = "outboxSubject";

  private final Outbox outbox;
  private final OutboxProperties properties;
  private final TransactionTemplate tx;
  private final ProducerTemplate flows;
  private final ApplicationAvailability availability;
  private final MeterRegistry meters;
  private final Traces traces;
  private final AtomicBoolean running = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  /** Per busy worker thread: when it claimed the item it is still working on (System.nanoTime). */
  private final Map<Thread, Long> busySince = new ConcurrentHashMap<>();

  public OutboxWorker(Outbox outbox, OutboxProperties properties, TransactionTemplate tx, ProducerTemplate flows,
      ApplicationAvailability availability, MeterRegistry meters, Traces traces) {
    this.traces = traces;
    this.meters = meters;
    this.outbox = outbox;
    this.properties = properties;
    this.tx = tx;
    this.flows = flows;
    this.availability = availability;
  }

  /** How long the longest-running current item has been at work; zero when every worker is idle. */
  public Duration longestBusy() {
    long now = System.nanoTime();
    return Duration.ofNanos(busySince.values().stream().mapToLong(started -> now - started).max().orElse(0));
  }

  /** Claims and runs one due item; false when nothing was due. */
  boolean runOne() {
    Boolean worked = tx.execute(status -> {
      Optional<OutboxItem> claimed = outbox.claimDue();
      if (claimed.isEmpty()) {
        return false;
      }
      OutboxItem item = claimed.get();
      Object savepoint = status.createSavepoint();
      try {
        run(item);
        outbox.done(item.id());
      } catch (RuntimeException e) {
        status.rollbackToSavepoint(savepoint);
        failed(item, e);
      }
      return true;
    });
    return Boolean.TRUE.equals(worked);
  }

  private void run(OutboxItem item) {
    String requestId = "outbox-" + item.id();
    MDC.put(RequestIdFilter.MDC_KEY, requestId);
    // the work continues the trace of the request that queued it, on whichever instance runs it
    Span span = traces.start("outbox " + item.kind(), Span.Kind.CONSUMER, item.traceParent())
        .tag("outbox.kind", item.kind()).tag("outbox.attempt", item.attempts() + 1L);
    try (Tracer.SpanInScope scope = traces.inScope(span)) {
      AuditContext.runOnBehalfOf(item.owner(), requestId, () -> {
        // exchange properties, not headers: routes clear headers before calling agencies
        Exchange done = flows.send("direct:outbox-" + item.kind(), exchange -> {
          exchange.setProperty(OWNER, item.owner());
          exchange.setProperty(SUBJECT, item.subject());
        });
        if (done.getException() != null) {
          throw new CamelExecutionException("outbox item " + item.id() + " failed", done, done.getException());
        }
      });
    } catch (RuntimeException e) {
      span.error(e);
      throw e;
    } finally {
      span.end();
      MDC.remove(RequestIdFilter.MDC_KEY);
    }
  }

  private void failed(OutboxItem item, RuntimeException e) {
    GatewayException typed = GatewayFailures.find(e);
    // typed messages are written for partners; anything else is named by its type only
    String reason = typed != null ? typed.getMessage() : "unexpected " + rootCause(e).getClass().getSimpleName();
    int attempts = item.attempts() + 1;
    boolean dead = typed != null && typed.callerAtFault();
    if (dead) {
      outbox.dead(item.id(), attempts, reason);
    } else {
      dead = !outbox.retryLater(item.id(), attempts, reason,
          properties.backoff(attempts, ThreadLocalRandom.current().nextDouble()), properties.retryFor());
    }
    if (dead) {
      meters.counter("gateway.outbox.dead.lettered", "kind", item.kind()).increment();
      log.warn("Outbox item {} ({}) dead-lettered after {} attempt(s): {}", item.id(), item.kind(), attempts, reason);
    }
    if (typed == null) {
      log.error("Outbox item {} ({}) failed unexpectedly: {}", item.id(), item.kind(), GatewayFailures.withoutMessages(e));
    }
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  private void loop() {
    while (running.get()) {
      try {
        if (!ready() || !runOneTimed()) {
          Thread.sleep(properties.pollInterval().toMillis());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // the database is away: try again later; the work itself is safe in the outbox
        log.error("Outbox worker could not claim work: {}", e.getMessage());
        sleepQuietly();
      }
    }
  }

  /** Ready: the routes run and shutdown has not begun. */
  private boolean ready() {
    return availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
  }

  private boolean runOneTimed() {
    busySince.put(Thread.currentThread(), System.nanoTime());
    try {
      return runOne();
    } finally {
      busySince.remove(Thread.currentThread());
    }
  }

  private void sleepQuietly() {
    try {
      Thread.sleep(properties.pollInterval().toMillis() * 10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running.set(true);
    for (int i = 0; i < properties.workers(); i++) {
      Thread t = new Thread(this::loop, "outbox-worker-" + i);
      t.setDaemon(true);   // never holds the JVM past its shutdown: unfinished work stays in the outbox
      t.start();
      threads.add(t);
    }
  }

  @Override
  public void stop() {
    running.set(false);
    // the items in hand may finish within drain-for; one still running then is rolled back with the JVM and redone
    long deadline = System.nanoTime() + properties.drainFor().toNanos();
    for (Thread t : threads) {
      try {
        t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    threads.clear();
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  @Override
  public int getPhase() {
    // start after Camel's routes, stop before them
    return Integer.MAX_VALUE - 100;
  }
}
