package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.audit.AuditChain;
import vn.ansinh.gateway.audit.AuditContext;
import vn.ansinh.gateway.audit.SubjectHasher;
import vn.ansinh.gateway.beneficiary.AccountMasks;
import vn.ansinh.gateway.beneficiary.IdempotentRequests;
import vn.ansinh.gateway.beneficiary.LifecycleProperties;
import vn.ansinh.gateway.error.ChangeRefusedException;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.ForbiddenException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.events.DomainEvents;
import vn.ansinh.gateway.outbox.Outbox;

/**
 * What the payment point records of a cash payment (SPEC §4.16), once per payment and idempotent
 * by the caller's Idempotency-Key: paid in cash (PAID, method CASH), paid to the beneficiary's
 * authorised representative valid on the payout's date, or not collected (UNCOLLECTED). A cash
 * partner sees only the cash payments of approved batches in its provinces, of any paying agency;
 * anything else answers 404. The paying agency hears of each outcome in its own format.
 */
@Service
public class CashPayouts {

  /** What the payment point says happened. */
  public enum Outcome { PAID_IN_CASH, PAID_TO_REPRESENTATIVE, NOT_COLLECTED }

  /** A payout as recorded: the payment by its batch and the payer's payment id. */
  public record Payout(String batchId, String paymentId, Outcome outcome, Instant paidAt, String place) {}

  /** The answer, stored and given again for the same key and body. */
  public record Recorded(String batchId, String paymentId, Outcome outcome, PaymentStatus status, String method,
      Instant paidAt, String place, boolean viaRepresentative, Instant recordedAt) {}

  /** SQL: representative {@code r} may be used on the date given three times. */
  static final String VALID_ON = "r.valid_from <= ?::date and r.valid_until >= ?::date"
      + " and (r.ended_on is null or r.ended_on > ?::date)";
  /** SQL: payment {@code p} of batch {@code b} is one a payment point hands over, in provinces given as "40,42". */
  static final String VISIBLE = "b.approved_at is not null and b.status <> 'REJECTED' and p.bank_bin is null"
      + " and p.status in ('CASH', 'PAID', 'UNCOLLECTED') and p.province_code = any(string_to_array(?, ','))"
      + " and (p.status <> 'PAID' or exists (select 1 from cash_payout c where c.batch_key = p.batch_key"
      + " and c.row_no = p.row_no))";
  // a clock a little behind the gateway's is not a payout from the future
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);
  private static final int MAX_PLACE = 200;

  private record Found(long batchKey, int row, String batchId, String owner, String paymentId, String beneficiaryId,
      String personalId, long amount, PaymentStatus status, Instant approvedAt) {}

  private final JdbcTemplate jdbc;
  private final IdempotentRequests idempotent;
  private final CashProperties cash;
  private final LifecycleProperties calendar;
  private final SubjectHasher subjects;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock;
  private final DomainEvents events;

  public CashPayouts(JdbcTemplate jdbc, IdempotentRequests idempotent, CashProperties cash,
      LifecycleProperties calendar, SubjectHasher subjects, Outbox outbox, ObjectMapper json, Clock clock,
      DomainEvents events) {
    this.events = events;
    this.jdbc = jdbc;
    this.idempotent = idempotent;
    this.cash = cash;
    this.calendar = calendar;
    this.subjects = subjects;
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
  }

  /** The provinces a caller pays cash in, as "40,42"; 403 for a caller that serves no payment point. */
  String provincesOf(String caller) {
    CashProperties.Payer payer = cash.payers().get(caller);
    if (payer == null || payer.provinces().isEmpty()) {
      throw new ForbiddenException("No payment point is configured for this caller");
    }
    return String.join(",", payer.provinces());
  }

  @Transactional
  public IdempotentRequests.Answer record(String caller, String key, Payout payout) throws JsonProcessingException {
    IdempotentRequests.checkKey("Idempotency-Key", key);
    check(payout);
    String provinces = provincesOf(caller);
    String sha = AuditChain.sha256Hex(json.writeValueAsBytes(payout));   // the same payout however it was spelled
    idempotent.lock(caller, key);
    Optional<IdempotentRequests.Answer> earlier = idempotent.find(caller, key);
    if (earlier.isPresent()) {
      if (!earlier.get().bodySha256().equals(sha)) {
        throw new ConflictException("Idempotency-Key '" + key + "' was already used for another payout");
      }
      return earlier.get();
    }
    Found p = find(payout.batchId(), payout.paymentId(), provinces)
        .orElseThrow(() -> new NotFoundException("cash payment", payout.paymentId()));
    AuditContext.current().subjectHash(subjects.hash(p.personalId()));
    if (p.status() != PaymentStatus.CASH) {
      throw new ConflictException("The payment is " + p.status() + "; only a CASH payment can be recorded");
    }
    if (payout.paidAt().isBefore(p.approvedAt())) {
      throw new InvalidRequestException("paidAt", "must not be before the batch was approved (" + p.approvedAt() + ")");
    }
    Long representative = null;
    if (payout.outcome() == Outcome.PAID_TO_REPRESENTATIVE) {
      LocalDate on = LocalDate.ofInstant(payout.paidAt(), calendar.zone());
      representative = representativeOn(p.owner(), p.beneficiaryId(), on).orElseThrow(() -> new ChangeRefusedException(
          "no-valid-representative", "No valid representative", Violation.of("outcome",
              "the beneficiary has no authorised representative valid on " + on)));
    }
    PaymentStatus status = payout.outcome() == Outcome.NOT_COLLECTED ? PaymentStatus.UNCOLLECTED : PaymentStatus.PAID;
    String reason = switch (payout.outcome()) {
      case PAID_IN_CASH -> "paid in cash at the payment point";
      case PAID_TO_REPRESENTATIVE -> "paid in cash to the authorised representative at the payment point";
      case NOT_COLLECTED -> "not collected at the payment point";
    };
    jdbc.update("update payment set status = ?, status_reason = ?, representative_id = ? where batch_key = ? and row_no = ?",
        status.name(), reason, representative, p.batchKey(), p.row());
    moved(p.batchKey(), status, List.of(p.row()), "cash-payout");
    Instant now = clock.instant();
    jdbc.update("insert into cash_payout (batch_key, row_no, outcome, paid_at, place, representative_id, recorded_by,"
        + " recorded_at) values (?, ?, ?, ?, ?, ?, ?, ?)", p.batchKey(), p.row(), payout.outcome().name(),
        Timestamp.from(payout.paidAt()), payout.place().strip(), representative, caller, Timestamp.from(now));
    String method = status == PaymentStatus.PAID ? "CASH" : null;
    tell(p.batchKey(), p.owner(), List.of(new PaymentReports.Result(p.paymentId(), p.beneficiaryId(), status, reason,
        p.amount(), p.personalId(), method, representative != null)));
    Recorded answer = new Recorded(p.batchId(), p.paymentId(), payout.outcome(), status, method, payout.paidAt(),
        payout.place().strip(), representative != null, now);
    IdempotentRequests.Answer stored = new IdempotentRequests.Answer(sha, 200, json.writeValueAsString(answer));
    idempotent.remember(caller, key, stored);
    return stored;
  }

  /**
   * Cash payments of a batch just recorded or swept (after their rows): the batch's counts of cash
   * outcomes, which its view reads, move with them, and the event stream hears of the change.
   */
  void moved(long batchKey, PaymentStatus outcome, List<Integer> rows, String cause) {
    String column = outcome == PaymentStatus.PAID ? "cash_paid_count" : "cash_uncollected_count";
    jdbc.update("update payment_batch set " + column + " = " + column + " + ? where batch_key = ?", rows.size(), batchKey);
    events.paymentRows(batchKey, rows, cause);
  }

  /** A representative as the payment point sees them: the personal id masked. */
  public record RepresentativeShown(String fullName, String personalId, String relationship, LocalDate validUntil) {}

  /**
   * One cash payment to hand over: the masked personal id and the name the recipient shows, and the
   * representative who may collect it (valid today), or who did.
   */
  public record ToHandOver(String batchId, String paymentId, String program, String period, String beneficiaryId,
      String personalId, String fullName, BigInteger amountVnd, String communeCode, PaymentStatus status,
      String method, boolean viaRepresentative, RepresentativeShown representative, Outcome outcome, Instant paidAt,
      String place) {}

  private static final String TO_HAND_OVER = """
      select b.batch_id, p.payment_id, b.program, b.period, p.beneficiary_id, p.personal_id, p.full_name, p.amount_vnd,
             p.commune_code, p.status, c.outcome, c.paid_at, c.place,
             coalesce(pr.full_name, cr.full_name), coalesce(pr.personal_id, cr.personal_id),
             coalesce(pr.relationship, cr.relationship), coalesce(pr.valid_until, cr.valid_until), pr.id is not null
      from payment_batch b join payment p on p.batch_key = b.batch_key
      left join cash_payout c on c.batch_key = p.batch_key and c.row_no = p.row_no
      left join representative pr on p.status = 'PAID' and pr.id = c.representative_id
      left join lateral (select r.full_name, r.personal_id, r.relationship, r.valid_until from representative r
                         where p.status = 'CASH' and r.owner = b.owner and r.beneficiary_id = p.beneficiary_id
                           and %s order by r.id desc limit 1) cr on true
      where b.period = ? and p.commune_code = ? and %s
      order by b.batch_id, p.row_no limit ? offset ?
      """.formatted(VALID_ON, VISIBLE);

  /** The cash payments of a period in a commune of the caller's provinces, paged. */
  public List<ToHandOver> toHandOver(String caller, String period, String communeCode, int page, int size) {
    String provinces = provincesOf(caller);
    Date today = Date.valueOf(LocalDate.ofInstant(clock.instant(), calendar.zone()));
    return jdbc.query(TO_HAND_OVER, (rs, i) -> {
      PaymentStatus status = PaymentStatus.valueOf(rs.getString(10));
      String outcome = rs.getString(11);
      Timestamp paidAt = rs.getTimestamp(12);
      Date validUntil = rs.getDate(17);
      RepresentativeShown representative = rs.getString(14) == null ? null : new RepresentativeShown(rs.getString(14),
          AccountMasks.mask(rs.getString(15)), rs.getString(16), validUntil.toLocalDate());
      boolean via = status == PaymentStatus.PAID ? rs.getBoolean(18) : representative != null;
      return new ToHandOver(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
          AccountMasks.mask(rs.getString(6)), rs.getString(7), PaymentBatches.sumOf(rs, 8), rs.getString(9), status,
          status == PaymentStatus.PAID ? "CASH" : null, via, representative,
          outcome == null ? null : Outcome.valueOf(outcome), paidAt == null ? null : paidAt.toInstant(),
          rs.getString(13));
    }, today, today, today, period, communeCode, provinces, size, (long) page * size);
  }

  /** The paying agency hears of the outcomes through the outbox, like a bank's results. */
  void tell(long batchKey, String owner, List<PaymentReports.Result> results) throws JsonProcessingException {
    Long id = jdbc.queryForObject("insert into payment_result (batch_key, bank_bin, msg_id, results, created_at)"
        + " values (?, null, 'CASH', ?, ?) returning id", Long.class, batchKey, json.writeValueAsString(results),
        Timestamp.from(clock.instant()));
    outbox.enqueue(PaymentReports.RESULTS, owner, Long.toString(id));
  }

  /** The representative of a beneficiary that may be used on a date: at most one is. */
  Optional<Long> representativeOn(String owner, String beneficiaryId, LocalDate on) {
    Date d = Date.valueOf(on);
    return jdbc.queryForList("select r.id from representative r where r.owner = ? and r.beneficiary_id = ? and "
        + VALID_ON + " order by r.id desc limit 1", Long.class, owner, beneficiaryId, d, d, d).stream().findFirst();
  }

  private Optional<Found> find(String batchId, String paymentId, String provinces) {
    // locked: one outcome per payment, whoever records it
    return jdbc.query("select p.batch_key, p.row_no, b.batch_id, b.owner, p.payment_id, p.beneficiary_id,"
        + " p.personal_id, p.amount_vnd, p.status, b.approved_at from payment_batch b join payment p"
        + " on p.batch_key = b.batch_key where b.batch_id = ? and p.payment_id = ? and " + VISIBLE
        + " for update of p", (rs, i) -> new Found(rs.getLong(1), rs.getInt(2), rs.getString(3), rs.getString(4),
        rs.getString(5), rs.getString(6), rs.getString(7), rs.getLong(8), PaymentStatus.valueOf(rs.getString(9)),
        rs.getTimestamp(10).toInstant()), batchId, paymentId, provinces).stream().findFirst();
  }

  private void check(Payout p) {
    if (p == null) {
      throw new InvalidRequestException("body", "is required");
    }
    if (p.batchId() == null || p.batchId().isBlank() || p.batchId().length() > 36) {
      throw new InvalidRequestException("batchId", "is required: the batch's id as the gateway gave it");
    }
    if (p.paymentId() == null || p.paymentId().isBlank() || p.paymentId().length() > 64) {
      throw new InvalidRequestException("paymentId", "is required: the payer's payment id, 1 to 64 characters");
    }
    if (p.outcome() == null) {
      throw new InvalidRequestException("outcome", "is required: PAID_IN_CASH, PAID_TO_REPRESENTATIVE or NOT_COLLECTED");
    }
    if (p.paidAt() == null) {
      throw new InvalidRequestException("paidAt", "is required: when the payment point paid, or saw it not collected");
    }
    if (p.paidAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
      throw new InvalidRequestException("paidAt", "must not be in the future");
    }
    if (p.place() == null || p.place().isBlank() || p.place().length() > MAX_PLACE) {
      throw new InvalidRequestException("place", "is required: the payment point, 1 to " + MAX_PLACE + " characters");
    }
  }
}
