package vn.ansinh.gateway.register;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.error.AgencyUnavailableException;
import vn.ansinh.gateway.error.GatewayException;
import vn.ansinh.gateway.payment.PersonVerifications;
import vn.ansinh.gateway.payment.RegistryCaller;
import vn.ansinh.gateway.web.GatewayFailures;

/**
 * The scheduled re-verification of every active beneficiary (SPEC §4.11). Work is claimed through
 * the database ({@link SyncQueue}: people due, with a lease, {@code FOR UPDATE SKIP LOCKED}), so
 * instances share it and a restart resumes where the tables say; a claim's calls take slots of the
 * shared {@link RegistryPace} and each goes at its slot's time. Answers go where every registry answer goes ({@link PersonVerifications}: the payment gate
 * then needs no call, and a death becomes a notice). Nothing is claimed while the registry's circuit
 * is open, and the first unavailable answer hands the rest of a claim back.
 */
public class RegisterSync implements SmartLifecycle, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(RegisterSync.class);
  static final String ROUTE = "direct:register-sync-lookup";
  static final String AUDIT_PARTNER = "register-sync";
  private static final long LATE_MARGIN_NANOS = 5_000_000;   // a call leaving this close to its second's end waits for another slot

  private final SyncQueue queue;
  private final TransactionTemplate tx;
  private final RegistryCaller registry;
  private final PersonVerifications verifications;
  private final CircuitBreaker registryCircuit;
  private final RegisterProperties properties;
  private final Clock clock;
  private final RegistryPace pace;
  private final ExecutorService pool;
  private volatile Instant enrolledAt = Instant.EPOCH;
  // counted down when the instance stops: calls waiting for their slot give it up at once
  private final CountDownLatch stopping = new CountDownLatch(1);

  public RegisterSync(JdbcTemplate jdbc, TransactionTemplate tx, ProducerTemplate flows,
      PersonVerifications verifications, SubjectHasher subjects, CircuitBreaker registryCircuit,
      RegisterProperties properties, Clock clock) {
    this.queue = new SyncQueue(jdbc, properties);
    this.tx = tx;
    this.registry = new RegistryCaller(flows, ROUTE, subjects, clock);
    this.verifications = verifications;
    this.registryCircuit = registryCircuit;
    this.properties = properties;
    this.clock = clock;
    this.pace = new RegistryPace(jdbc, tx, properties.maxCallsPerSecond(), properties.paceGuard());
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newFixedThreadPool(properties.concurrency(), r -> {
      Thread t = new Thread(r, "register-sync-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** The route's step: new beneficiaries enrolled now and then, then people due verified until none are left. */
  public void run(Exchange exchange) throws InterruptedException {
    Instant now = clock.instant();
    if (!now.isBefore(enrolledAt.plus(properties.enrolEvery()))) {
      enrol();
      enrolledAt = now;
    }
    Instant until = now.plus(properties.runFor());
    while (clock.instant().isBefore(until) && isRunning() && !Thread.currentThread().isInterrupted()) {
      if (paused() || verifyNext() < properties.claimSize()) {
        return;
      }
    }
  }

  /** Adds the people of beneficiaries registered since, due at their place in the window (or now, if never verified). */
  public int enrol() {
    return queue.enrol(clock.instant());
  }

  /** While the registry's circuit is open, the sync waits: its calls would only be refused. */
  boolean paused() {
    CircuitBreaker.State state = registryCircuit.getState();
    return state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.FORCED_OPEN;
  }

  /** Claims people due and verifies them; returns how many were claimed (fewer than claim-size: nobody else is due). */
  public int verifyNext() throws InterruptedException {
    if (!isRunning()) {
      return 0;
    }
    SyncQueue.Claim claim = queue.claim(clock.instant());
    if (!claim.active().isEmpty()) {
      verify(claim.active());
    }
    return claim.size();
  }

  private void verify(List<String> people) throws InterruptedException {
    String requestId = AUDIT_PARTNER + "-" + UUID.randomUUID().toString().substring(0, 8);
    AtomicReference<GatewayException> failure = new AtomicReference<>();
    Map<Long, Integer> callsPerSecond = new ConcurrentHashMap<>();
    RegistryPace.Slots slots = pace.take(people.size());
    long takenNanos = System.nanoTime();
    List<Future<PersonVerifications.Answer>> calls = new ArrayList<>(people.size());
    for (int i = 0; i < people.size(); i++) {
      String personalId = people.get(i);
      // the slot's time on this machine's monotonic clock, from the database's clock when it was taken
      long dueNanos = takenNanos + (long) ((slots.at()[i] - slots.takenAt()) * 1e9);
      long latestNanos = takenNanos + (long) ((slots.secondEnd(i) - slots.takenAt()) * 1e9) - LATE_MARGIN_NANOS;
      calls.add(pool.submit(() -> call(personalId, dueNanos, latestNanos, requestId, failure, callsPerSecond)));
    }
    List<PersonVerifications.Answer> answers = new ArrayList<>(people.size());
    for (Future<PersonVerifications.Answer> call : calls) {
      try {
        PersonVerifications.Answer a = call.get();
        if (a != null) {
          answers.add(a);
        }
      } catch (ExecutionException e) {
        failure.compareAndSet(null, new AgencyUnavailableException("population-registry",
            "the sync's call failed unexpectedly", e.getCause()));
        log.error("A life-status sync call failed unexpectedly: {}", GatewayFailures.withoutMessages(e.getCause()));
      }
    }
    tx.executeWithoutResult(s -> {
      verifications.record(answers, DeathNotices.SYNC);
      queue.done(people, answers, callsPerSecond);
    });
    if (failure.get() != null) {
      log.warn("Life-status sync paused: {}", failure.get().getMessage());
    }
  }

  private PersonVerifications.Answer call(String personalId, long dueNanos, long latestNanos, String requestId,
      AtomicReference<GatewayException> failure, Map<Long, Integer> callsPerSecond) throws InterruptedException {
    long wait = dueNanos - System.nanoTime();
    if (wait > 0 && stopping.await(wait, TimeUnit.NANOSECONDS)) {
      return null;
    }
    // a slot missed (a pause, a busy pool) is not made up later: the call would count in the next second
    if (failure.get() != null || !isRunning() || paused() || System.nanoTime() > latestNanos) {
      return null;
    }
    callsPerSecond.merge(clock.instant().getEpochSecond(), 1, Integer::sum);
    return registry.lookUp(AUDIT_PARTNER, requestId, personalId, failure);
  }

  @Override
  public void start() {
    // running from construction: the route decides when the sync works
  }

  /** Calls waiting for a slot give up, the claims in hand are handed back, and the route's run ends. */
  @Override
  public void stop() {
    stopping.countDown();
  }

  @Override
  public boolean isRunning() {
    return stopping.getCount() > 0;
  }

  @Override
  public int getPhase() {
    // stop before Camel's routes, so the route's run is short when Camel waits for it
    return Integer.MAX_VALUE - 100;
  }

  @Override
  public void close() {
    stop();
    pool.shutdownNow();
  }
}
