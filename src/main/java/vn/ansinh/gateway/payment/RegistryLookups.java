package vn.ansinh.gateway.payment;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.error.GatewayException;

/**
 * Looks many people up in the population database at once, through the registry route (its
 * timeouts, circuit breaker and audit), never more than {@code verification-concurrency} calls in
 * flight per instance. The first unavailable or late answer stops the calls not yet made.
 */
@Component
public class RegistryLookups implements DisposableBean {

  static final String ROUTE = "direct:payment-eligibility-lookup";
  private final RegistryCaller registry;
  private final ExecutorService pool;

  public RegistryLookups(ProducerTemplate flows, SubjectHasher subjects, Clock clock, EligibilityProperties properties) {
    this.registry = new RegistryCaller(flows, ROUTE, subjects, clock);
    AtomicInteger n = new AtomicInteger();
    ThreadFactory threads = r -> {
      Thread t = new Thread(r, "registry-lookup-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
    this.pool = Executors.newFixedThreadPool(properties.verificationConcurrency(), threads);
  }

  /** The answers obtained, and the registry's failure that stopped the rest, if any. */
  public record Outcome(List<PersonVerifications.Answer> answers, GatewayException failure) {}

  public Outcome lookUp(String owner, String requestId, List<String> people) throws InterruptedException {
    AtomicReference<GatewayException> failure = new AtomicReference<>();
    List<Future<PersonVerifications.Answer>> calls = new ArrayList<>(people.size());
    for (String personalId : people) {
      calls.add(pool.submit(() -> failure.get() != null ? null : registry.lookUp(owner, requestId, personalId, failure)));
    }
    List<PersonVerifications.Answer> answers = new ArrayList<>(people.size());
    for (Future<PersonVerifications.Answer> call : calls) {
      try {
        PersonVerifications.Answer a = call.get();
        if (a != null) {
          answers.add(a);
        }
      } catch (ExecutionException e) {
        throw new IllegalStateException("a registry lookup failed unexpectedly", e.getCause());
      }
    }
    return new Outcome(answers, failure.get());
  }

  @Override
  public void destroy() {
    pool.shutdownNow();
  }
}
