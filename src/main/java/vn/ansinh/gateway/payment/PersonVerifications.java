package vn.ansinh.gateway.payment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.citizen.CitizenRequestValidator;
import vn.ansinh.gateway.citizen.CitizenVerificationRequest;
import vn.ansinh.gateway.citizen.NameKey;
import vn.ansinh.gateway.citizen.RegistryRecord;

/**
 * What the population database last said about each person (SPEC §4.9): known or not, the name
 * as a {@link NameKey}, and when. Deaths go to the {@link DeceasedRegister} with their date. The
 * eligibility gate writes its answers at once; verification calls are remembered in the
 * background, a batch at a time, so the synchronous path pays no database write per call.
 */
@Component("personVerifications")
public class PersonVerifications implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PersonVerifications.class);
  private static final int QUEUE = 50_000;
  private static final int BATCH = 1_000;
  private static final String UPSERT = "insert into person_verification (personal_id, known, name_key, verified_at,"
      + " date_of_birth) values (?, ?, ?, ?, ?) on conflict (personal_id) do update set known = excluded.known,"
      + " name_key = excluded.name_key, verified_at = excluded.verified_at, date_of_birth = excluded.date_of_birth"
      + " where person_verification.verified_at <= excluded.verified_at";

  /** One answer of the population database about one person. */
  public record Answer(String personalId, RegistryRecord record, Instant at) {
    @Override
    public String toString() {
      return "Answer[" + record + "]";
    }
  }

  private final JdbcTemplate jdbc;
  private final DeceasedRegister deceased;
  private final Clock clock;
  private final BlockingQueue<Answer> pending = new ArrayBlockingQueue<>(QUEUE);
  private volatile Thread writer;

  public PersonVerifications(JdbcTemplate jdbc, DeceasedRegister deceased, Clock clock) {
    this.jdbc = jdbc;
    this.deceased = deceased;
    this.clock = clock;
  }

  /** A verification-route step: the registry's answer (the body) is remembered; a death at once. */
  public void remember(Exchange exchange) {
    RegistryRecord record = exchange.getMessage().getBody(RegistryRecord.class);
    CitizenVerificationRequest asked = exchange.getProperty(CitizenRequestValidator.REQUEST_PROPERTY,
        CitizenVerificationRequest.class);
    if (record == null || asked == null) {
      return;
    }
    if (record.deceased()) {
      deceased.record(asked.personalId(), DeceasedRegister.REGISTRY, record.dateOfDeath());
    }
    // a full queue only costs a later call to the registry: the answers are a cache, not a record
    pending.offer(new Answer(asked.personalId(), record, clock.instant()));
  }

  /** Stores answers in the caller's transaction. */
  public void record(List<Answer> answers) {
    record(answers, DeceasedRegister.REGISTRY);
  }

  /** Stores answers in the caller's transaction; deaths among them are recorded as learnt from {@code source}. */
  public void record(List<Answer> answers, String source) {
    List<Object[]> rows = new ArrayList<>(answers.size());
    for (Answer a : answers) {
      RegistryRecord r = a.record();
      rows.add(new Object[] {a.personalId(), r.exists(), r.exists() ? NameKey.of(r.fullName()) : null,
          Timestamp.from(a.at()), r.exists() ? r.dateOfBirth() : null});
      if (r.deceased()) {
        deceased.record(a.personalId(), source, r.dateOfDeath());
      }
    }
    jdbc.batchUpdate(UPSERT, rows);
  }

  private void drain() {
    List<Answer> batch = new ArrayList<>(BATCH);
    while (writer != null || !pending.isEmpty()) {
      try {
        Answer first = pending.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        pending.drainTo(batch, BATCH - 1);
        record(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("Could not remember {} verification answers: {}", batch.size(), e.getClass().getSimpleName());
      } finally {
        batch.clear();
      }
    }
  }

  @Override
  public void start() {
    Thread t = new Thread(this::drain, "person-verifications");
    t.setDaemon(true);
    writer = t;
    t.start();
  }

  @Override
  public void stop() {
    Thread t = writer;
    writer = null;
    if (t != null) {
      try {
        t.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return writer != null;
  }
}
