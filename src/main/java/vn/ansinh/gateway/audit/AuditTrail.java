package vn.ansinh.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.operations.Traces;

/**
 * The audit trail's entry point. The request path only enqueues; one writer thread per instance
 * takes events in batches, chains them and stores them, so a request never waits on the audit
 * database. A failed batch is kept and retried, never dropped; while the store keeps failing, takes
 * longer than {@code refuse-after} with a batch (a lock, an exhausted pool, a hung connection), or
 * the queue is nearly full, {@link #accepting()} is false and requests are refused (fail closed).
 */
@Component
public class AuditTrail implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

  private final AuditStore store;
  private final AuditProperties properties;
  private final BlockingQueue<AuditEvent> queue;
  private final Counter written;
  private final Counter refused;
  private volatile boolean running;
  private volatile boolean storeFailing;
  private volatile int inFlight;
  /** When the writer started storing its current batch (System.nanoTime); 0 while it waits for events. */
  private volatile long storingSince;
  private Thread writer;

  private final AuditSigningKey key;
  private final Traces traces;
  private long sinceCheckpoint;
  private long lastCheckpointNanos = System.nanoTime();

  public AuditTrail(AuditStore store, AuditProperties properties, MeterRegistry meters, AuditSigningKey key) {
    this(store, properties, meters, key, null);
  }

  @Autowired
  public AuditTrail(AuditStore store, AuditProperties properties, MeterRegistry meters, AuditSigningKey key,
      Traces traces) {
    this.traces = traces;
    this.key = key;
    this.store = store;
    this.properties = properties;
    this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
    this.written = meters.counter("gateway.audit.events.written");
    this.refused = meters.counter("gateway.audit.events.refused");
    Gauge.builder("gateway.audit.queue.depth", queue, BlockingQueue::size).register(meters);
  }

  /** Enqueues an event; false only when the queue stays full, which callers treat as "not audited". */
  public boolean record(AuditEvent event) {
    if (event.traceId() == null && traces != null) {
      String traceId = traces.currentTraceId();   // taken here, on the thread that did the work
      if (traceId != null) {
        event = event.withTraceId(traceId);
      }
    }
    try {
      if (queue.offer(event, 1, TimeUnit.SECONDS)) {
        return true;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    refused.increment();
    log.error("Audit queue full ({} events): an event was refused", properties.queueCapacity());
    return false;
  }

  /** False while the store fails or stalls, or the queue is 90% full: new requests must then be refused. */
  public boolean accepting() {
    return !storeFailing() && queue.remainingCapacity() > properties.queueCapacity() / 10;
  }

  /** True while the last attempt to store a batch failed, or the current one takes longer than refuse-after. */
  public boolean storeFailing() {
    long since = storingSince;
    return storeFailing || since != 0 && System.nanoTime() - since > properties.refuseAfter().toNanos();
  }

  /** Events accepted but not yet stored. */
  public int pending() {
    return queue.size() + inFlight;
  }

  private void writeLoop() {
    List<AuditEvent> batch = new ArrayList<>(properties.batchSize());
    long pollMillis = Math.max(1, properties.flushInterval().toMillis());
    while (running || !queue.isEmpty() || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          AuditEvent first = queue.poll(pollMillis, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          queue.drainTo(batch, properties.batchSize() - 1);
        }
        inFlight = batch.size();
        if (storingSince == 0) {
          storingSince = System.nanoTime();   // kept across retries of the same batch
        }
        store.append(batch);
        storeFailing = false;
        written.increment(batch.size());
        sinceCheckpoint += batch.size();
        batch.clear();
        inFlight = 0;
        checkpointIfDue();
        storingSince = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        if (!running) {
          break;
        }
      } catch (RuntimeException e) {
        storeFailing = true;
        log.error("Audit batch of {} events not stored yet, retrying: {}", batch.size(), e.getMessage());
        sleepQuietly(500);
      }
    }
  }

  /** Every N events or T seconds, the chain head is signed (a failure is retried after the next batch). */
  private void checkpointIfDue() {
    boolean due = sinceCheckpoint >= properties.checkpointEvery()
        || System.nanoTime() - lastCheckpointNanos >= properties.checkpointInterval().toNanos();
    if (!due) {
      return;
    }
    try {
      store.checkpoint(key);
      sinceCheckpoint = 0;
      lastCheckpointNanos = System.nanoTime();
    } catch (RuntimeException e) {
      log.warn("Audit checkpoint not signed yet, retrying after the next batch: {}", e.getMessage());
    }
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    store.register(key);
    running = true;
    writer = new Thread(this::writeLoop, "audit-writer");
    writer.setDaemon(false);
    writer.start();
  }

  @Override
  public void stop() {
    running = false;
    try {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    // stop after the web server has drained its requests, so their events are written
    return Integer.MIN_VALUE + 1000;
  }
}
