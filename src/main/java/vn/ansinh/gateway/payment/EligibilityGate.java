package vn.ansinh.gateway.payment;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.relief.ReliefProgram;

/**
 * The eligibility gate (SPEC §4.9), first step of a batch's validation: every person of the list's
 * payable rows must have been verified against the population database within the freshness
 * window. People who were are not asked again; the rest are looked up live, a chunk per outbox
 * step, so progress is committed as it goes and survives a restart. While the registry is
 * unavailable the batch is held in VALIDATING and tried again later: it is never paid unverified,
 * and never rejected for the registry's fault.
 */
@Component("eligibilityGate")
public class EligibilityGate {

  /** Exchange property: true when every person is verified and the batch-level checks may run. */
  public static final String EVERYONE_VERIFIED = "everyoneVerified";

  // payable rows whose person was not verified recently: counted once, for the progress
  private static final String STALE = " from payment p where p.batch_key = ? and p.status in ('RECEIVED', 'PENDING')"
      + " and not exists (select 1 from person_verification v where v.personal_id = p.personal_id"
      + " and v.verified_at >= ?%s)";
  // a relief list also compares dates of birth: an answer that did not give one is asked again
  private static final String WITH_BIRTH_DATE = " and (v.date_of_birth is not null or not v.known)";
  // the next of them in list order, from where the gate got to: a range of the primary key, not the whole list
  private static final String NEXT = "select p.row_no, p.personal_id" + STALE + " and p.row_no > ? order by p.row_no"
      + " limit ?";

  private final JdbcTemplate jdbc;
  private final PaymentBatches batches;
  private final RegistryLookups registry;
  private final PersonVerifications verifications;
  private final Outbox outbox;
  private final EligibilityProperties properties;
  private final Clock clock;

  public EligibilityGate(JdbcTemplate jdbc, PaymentBatches batches, RegistryLookups registry,
      PersonVerifications verifications, Outbox outbox, EligibilityProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.registry = registry;
    this.verifications = verifications;
    this.outbox = outbox;
    this.properties = properties;
    this.clock = clock;
  }

  /** Verifies the next chunk of people not verified recently; sets {@link #EVERYONE_VERIFIED}. */
  public void verifyNext(Exchange exchange) throws InterruptedException {
    exchange.setProperty(EVERYONE_VERIFIED, false);
    String owner = exchange.getProperty(OutboxWorker.OWNER, String.class);
    String batchId = exchange.getProperty(OutboxWorker.SUBJECT, String.class);
    PaymentBatch b = batches.find(batchId).orElseThrow();
    if (b.status() != BatchStatus.VALIDATING) {
      return;   // already done: a repeated outbox run changes nothing
    }
    long k = b.key();
    String stale = STALE.formatted(ReliefProgram.PROGRAM.equals(b.program()) ? WITH_BIRTH_DATE : "");
    String next = NEXT.formatted(ReliefProgram.PROGRAM.equals(b.program()) ? WITH_BIRTH_DATE : "");
    Timestamp freshSince = Timestamp.from(clock.instant().minus(properties.verificationMaxAge()));
    int after = batches.verifiedThroughRow(k);
    if (after == 0) {
      // the planner must know the rows that just arrived: without it, a million rows look like none
      jdbc.execute("analyze payment");
    }
    int chunk = properties.verificationChunk();
    Set<String> people = new LinkedHashSet<>();
    int[] last = {after};
    int[] rows = {0};
    jdbc.query(next, rs -> {
      rows[0]++;
      last[0] = rs.getInt(1);
      people.add(rs.getString(2));
    }, k, freshSince, after, chunk);
    if (batches.eligibility(k).peopleToVerify() == null) {
      // the usual month has everyone verified recently: then the first look finds nobody, and nothing is counted
      batches.verificationStarted(k, people.isEmpty() ? 0
          : jdbc.queryForObject("select count(distinct p.personal_id)" + stale, Long.class, k, freshSince));
    }
    if (people.isEmpty()) {
      exchange.setProperty(EVERYONE_VERIFIED, true);
      return;
    }
    RegistryLookups.Outcome outcome = registry.lookUp(owner, "outbox-" + batchId, List.copyOf(people));
    verifications.record(outcome.answers());
    batches.peopleVerified(k, outcome.answers().size());
    Instant now = clock.instant();
    if (outcome.failure() != null) {
      batches.status(k, BatchStatus.VALIDATING, "held: " + outcome.failure().getMessage()
          + "; verification goes on when it answers again");
      outbox.enqueueAt(PaymentSubmission.VALIDATION, owner, batchId, now.plus(properties.verificationHoldRetry()));
    } else if (rows[0] == chunk) {
      batches.verifiedThroughRow(k, last[0]);
      batches.status(k, BatchStatus.VALIDATING, null);
      outbox.enqueue(PaymentSubmission.VALIDATION, owner, batchId);   // the next chunk, in a transaction of its own
    } else {
      batches.verifiedThroughRow(k, last[0]);
      batches.status(k, BatchStatus.VALIDATING, null);
      exchange.setProperty(EVERYONE_VERIFIED, true);
    }
  }
}
