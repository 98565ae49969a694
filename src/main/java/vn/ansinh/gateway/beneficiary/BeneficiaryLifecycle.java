package vn.ansinh.gateway.beneficiary;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.AuditEvent;
import vn.ansinh.gateway.audit.AuditTrail;
import vn.ansinh.gateway.audit.Outcomes;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.error.ChangeRefusedException;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.PreconditionFailedException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;

/**
 * The lifecycle of a beneficiary (SPEC §4.10): suspension and resumption, termination (also from a
 * death the population database reports), the dated communes and the history; corrections and
 * moves are {@link BeneficiaryCorrections}. Each change is kept with who, when and from which date,
 * moves the ETag on, and goes to the owning agency through the outbox in the same transaction. A
 * terminated beneficiary takes no more changes.
 */
@Service
public class BeneficiaryLifecycle {

  static final String CHANGE_NOTIFICATION = "beneficiary-change-notification";
  private final Beneficiaries beneficiaries;
  private final LifecycleRecords records;
  private final Outbox outbox;
  private final TransactionTemplate tx;
  private final LifecycleProperties properties;
  private final SubjectHasher subjects;
  private final AuditTrail audit;
  private final Clock clock;

  public BeneficiaryLifecycle(Beneficiaries beneficiaries, LifecycleRecords records, Outbox outbox,
      TransactionTemplate tx, LifecycleProperties properties, SubjectHasher subjects, AuditTrail audit, Clock clock) {
    this.beneficiaries = beneficiaries;
    this.records = records;
    this.outbox = outbox;
    this.tx = tx;
    this.properties = properties;
    this.subjects = subjects;
    this.audit = audit;
    this.clock = clock;
  }

  /** A beneficiary as its owner sees it (lifecycle status over the onboarding one), with its version for the ETag. */
  public record Seen(Beneficiary beneficiary, long version) {

    public String etag() {
      return etag(version);
    }

    static String etag(long version) {
      return "\"" + version + "\"";
    }
  }

  public Seen find(String owner, String beneficiaryId) {
    Beneficiary b = load(owner, beneficiaryId);
    return seen(b, records.state(owner, beneficiaryId).orElseThrow());
  }

  public Seen suspend(String owner, String beneficiaryId, String reason, LocalDate from, String changedBy) {
    load(owner, beneficiaryId);
    List<Violation> v = new ArrayList<>();
    if (reason == null || reason.isBlank() || reason.length() > 200) {
      v.add(Violation.of("reason", "is required: 1 to 200 characters"));
    }
    if (from == null) {
      v.add(Violation.of("effectiveFrom", "is required: yyyy-MM-dd"));
    }
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
    within(from);
    return tx.execute(status -> {
      LifecycleRecords.State now = records.lock(owner, beneficiaryId).orElseThrow();
      checkChangeable(now, null);
      if (now.suspensionId() != null) {
        throw new ConflictException("The beneficiary is already suspended from " + now.suspendedFrom());
      }
      LocalDate resumed = records.lastResumed(owner, beneficiaryId);
      if (resumed != null && from.isBefore(resumed)) {
        throw new ChangeRefusedException("change-refused", "Change refused", Violation.of("effectiveFrom",
            "must not be before the end of the last suspension, " + resumed));
      }
      records.suspend(owner, beneficiaryId, from, reason);
      changed(owner, beneficiaryId, "SUSPENDED", List.of("status"), from, reason, changedBy);
      return find(owner, beneficiaryId);
    });
  }

  public Seen resume(String owner, String beneficiaryId, LocalDate from, String changedBy) {
    load(owner, beneficiaryId);
    if (from == null) {
      throw new InvalidRequestException("effectiveFrom", "is required: yyyy-MM-dd");
    }
    within(from);
    return tx.execute(status -> {
      LifecycleRecords.State now = records.lock(owner, beneficiaryId).orElseThrow();
      checkChangeable(now, null);
      if (now.suspensionId() == null) {
        throw new ConflictException("The beneficiary is not suspended");
      }
      if (from.isBefore(now.suspendedFrom())) {
        throw new ChangeRefusedException("change-refused", "Change refused", Violation.of("effectiveFrom",
            "must not be before the suspension's start, " + now.suspendedFrom()));
      }
      records.resume(owner, beneficiaryId, now.suspensionId(), from);
      changed(owner, beneficiaryId, "RESUMED", List.of("status"), from, null, changedBy);
      return find(owner, beneficiaryId);
    });
  }

  public Seen terminate(String owner, String beneficiaryId, TerminationReason reason, LocalDate from, String note,
      String changedBy) {
    load(owner, beneficiaryId);
    List<Violation> v = new ArrayList<>();
    if (reason == null) {
      v.add(Violation.of("reason", "is required: DECEASED, MOVED_OUT, NO_LONGER_ELIGIBLE or OTHER"));
    }
    if (from == null) {
      v.add(Violation.of("effectiveFrom", "is required: yyyy-MM-dd"));
    }
    if (note != null && note.length() > 500) {
      v.add(Violation.of("note", "must be at most 500 characters"));
    }
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
    within(from);
    return tx.execute(status -> {
      checkChangeable(records.lock(owner, beneficiaryId).orElseThrow(), null);
      terminated(owner, beneficiaryId, reason, from, note, changedBy);
      return find(owner, beneficiaryId);
    });
  }

  /**
   * The population database reports a death: every registration of the person not yet terminated,
   * under any owner, ends with reason DECEASED from the first day of the month after the death
   * (that month is still paid), and each owner is told. Returns how many were terminated.
   */
  public int terminateDeceased(String personalId, LocalDate dateOfDeath, String source) {
    Objects.requireNonNull(dateOfDeath, "dateOfDeath");
    LocalDate from = YearMonth.from(dateOfDeath).plusMonths(1).atDay(1);
    List<LifecycleRecords.Owned> ended = tx.execute(status -> {
      List<LifecycleRecords.Owned> active = records.activeWith(personalId);
      for (LifecycleRecords.Owned o : active) {
        terminated(o.owner(), o.beneficiaryId(), TerminationReason.DECEASED, from, null, source);
      }
      return active;
    });
    String subject = subjects.hash(personalId);
    for (LifecycleRecords.Owned o : ended) {
      audit.record(new AuditEvent(clock.instant(), AuditEvent.Direction.INBOUND, source, null, null, "beneficiary",
          "terminateDeceased", Outcomes.OK, null, 0, AuditContext.current().requestId(), null, null, subject));
    }
    return ended.size();
  }

  /** Which commune the beneficiary lived in during the month (a move counts from its effective month). */
  public Optional<LifecycleRecords.Commune> communeDuring(String owner, String beneficiaryId, YearMonth period) {
    return records.communeDuring(owner, beneficiaryId, period);
  }

  public List<LifecycleRecords.Change> history(String owner, String beneficiaryId) {
    load(owner, beneficiaryId);
    return records.history(owner, beneficiaryId);
  }

  private void terminated(String owner, String beneficiaryId, TerminationReason reason, LocalDate from, String note,
      String changedBy) {
    records.terminate(owner, beneficiaryId, from, reason.name(), note);
    changed(owner, beneficiaryId, "TERMINATED", List.of("status"), from, reason.name(), changedBy);
  }

  void changed(String owner, String beneficiaryId, String kind, List<String> fields, LocalDate effectiveFrom,
      String reason, String changedBy) {
    long change = records.record(owner, beneficiaryId, kind, fields, effectiveFrom, reason, changedBy,
        AuditContext.current().requestId());
    outbox.enqueue(CHANGE_NOTIFICATION, owner, Long.toString(change));
  }

  /** A terminated beneficiary takes no change (409); a stale If-Match is 412 (null: none was asked for). */
  static void checkChangeable(LifecycleRecords.State s, String ifMatch) {
    if (s.terminated()) {
      throw new ConflictException("The beneficiary was terminated from " + s.terminatedFrom() + " ("
          + s.terminationReason() + ") and takes no more changes");
    }
    if (ifMatch == null) {
      return;
    }
    String current = Seen.etag(s.version());
    for (String tag : ifMatch.split(",")) {
      if (tag.trim().equals(current)) {
        return;
      }
    }
    throw new PreconditionFailedException("The beneficiary has changed since that version: GET it for the current ETag");
  }

  void within(LocalDate date) {
    LocalDate today = today();
    LocalDate earliest = today.minusDays(properties.backdateLimit().toDays());
    LocalDate latest = today.plusDays(properties.forwardLimit().toDays());
    if (date.isBefore(earliest) || date.isAfter(latest)) {
      throw new InvalidRequestException("effectiveFrom", "must be between " + earliest + " and " + latest);
    }
  }

  public LocalDate today() {
    return LocalDate.ofInstant(clock.instant(), properties.zone());
  }

  Beneficiary load(String owner, String beneficiaryId) {
    Beneficiary b = beneficiaries.find(owner, beneficiaryId)
        .orElseThrow(() -> new NotFoundException("beneficiary", beneficiaryId));
    AuditContext.current().subjectHash(subjects.hash(b.registration().personalId()));
    return b;
  }

  private static Seen seen(Beneficiary b, LifecycleRecords.State s) {
    if (s.terminated()) {
      return new Seen(new Beneficiary(b.owner(), b.registration(), BeneficiaryStatus.TERMINATED,
          "terminated from " + s.terminatedFrom() + ": " + s.terminationReason(), b.createdAt(), b.updatedAt()),
          s.version());
    }
    if (s.suspensionId() != null) {
      return new Seen(new Beneficiary(b.owner(), b.registration(), BeneficiaryStatus.SUSPENDED,
          "suspended from " + s.suspendedFrom() + ": " + s.suspensionReason(), b.createdAt(), b.updatedAt()),
          s.version());
    }
    return new Seen(b, s.version());
  }
}
