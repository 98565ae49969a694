package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.audit.AuditChain;
import vn.ansinh.gateway.beneficiary.AccountStops;
import vn.ansinh.gateway.beneficiary.IdempotentRequests;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.ForbiddenException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.security.Partner;
import vn.ansinh.gateway.security.PartnerRegistry;
import vn.ansinh.gateway.security.PushSignatures;

/**
 * Banks' payment reports (SPEC §4.5): signed, idempotent by message id, about the bank's own
 * files only. The whole report is checked before anything changes; then each payment moves on
 * (DISPATCHED → ACCEPTED → PAID, → REJECTED with a reason, PAID → RETURNED), never back, so
 * reports may arrive in any order. MD07 puts the person on the deceased register; a wrong, closed
 * or blocked account (AC01, AC04, AC06) stops being used. What changed is told to the paying
 * agency, in its own format, through the outbox.
 */
@Service
public class PaymentReports {

  private static final String DECEASED_REASON = "MD07";
  private final PushSignatures signatures;
  private final PartnerRegistry partners;
  private final JdbcTemplate jdbc;
  private final PaymentBatches batches;
  private final DeceasedRegister deceased;
  private final ObjectMapper json;
  private final Clock clock;
  private final Outbox outbox;
  private final IdempotentRequests idempotent;
  private final AccountStops accountStops;

  public PaymentReports(PushSignatures signatures, PartnerRegistry partners, JdbcTemplate jdbc,
      PaymentBatches batches, DeceasedRegister deceased, ObjectMapper json, Clock clock, Outbox outbox,
      IdempotentRequests idempotent, AccountStops accountStops) {
    this.accountStops = accountStops;
    this.outbox = outbox;
    this.idempotent = idempotent;
    this.signatures = signatures;
    this.partners = partners;
    this.jdbc = jdbc;
    this.batches = batches;
    this.deceased = deceased;
    this.json = json;
    this.clock = clock;
  }

  static final String RESULTS = "payment-results";

  private record Reported(long batchKey, int row, String paymentId, String beneficiaryId, String personalId,
      long amount, PaymentStatus status, String accountNumber, boolean viaRepresentative) {}

  /**
   * One changed payment, as the paying agency hears of it; the personal id only names the person
   * to VSS (SPEC §6.5) and is not part of the DOLISA message. {@code method}: how a PAID payment was
   * paid; {@code viaRepresentative}: paid to or collected by the authorised representative (null: no).
   */
  record Result(String paymentId, String beneficiaryId, PaymentStatus status, String reason, long amountVnd,
      String personalId, String method, Boolean viaRepresentative) {

    Result(String paymentId, String beneficiaryId, PaymentStatus status, String reason, long amountVnd,
        String personalId) {
      this(paymentId, beneficiaryId, status, reason, amountVnd, personalId, null, null);
    }
  }

  /** Applies a report; the answer (200 and a summary) is stored, and given again for the same message. */
  @Transactional
  public String receive(String client, String signature, byte[] body) throws JsonProcessingException {
    signatures.verify(client, signature, body);
    String bin = partners.find(client).map(Partner::bankBin)
        .orElseThrow(() -> new ForbiddenException("Only banks report on payments"));
    PaymentReport report = PaymentReportReader.read(body);
    String sha = AuditChain.sha256Hex(body);
    String idempotencyKey = "payment-report:" + report.messageId();   // the bank's message id is its key
    idempotent.lock(client, idempotencyKey);   // the same report pushed twice at once: one applies it, one finds its answer
    var earlier = idempotent.find(client, idempotencyKey);
    if (earlier.isPresent()) {
      if (!earlier.get().bodySha256().equals(sha)) {
        throw new ConflictException("Message id '" + report.messageId() + "' was already used for another report");
      }
      return earlier.get().response();
    }
    List<Reported> found = resolve(bin, report);
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<Long, List<Result>> results = new TreeMap<>();
    Map<Long, List<Integer>> rows = new TreeMap<>();
    Map<String, PaymentStatus> now = new HashMap<>();   // a payment reported twice in one message moves on from its newest status
    for (int i = 0; i < found.size(); i++) {
      Reported payment = found.get(i);
      PaymentReport.Entry entry = report.entries().get(i);
      String key = payment.batchKey() + "/" + payment.row();
      if (!moves(now.getOrDefault(key, payment.status()), entry.outcome())) {
        outcomes.merge("unchanged", 1, Integer::sum);
        continue;
      }
      now.put(key, entry.outcome());
      jdbc.update("update payment set status = ?, status_reason = ? where batch_key = ? and row_no = ?",
          entry.outcome().name(), entry.reason() == null ? null : "bank reason " + entry.reason(),
          payment.batchKey(), payment.row());
      if (entry.outcome() == PaymentStatus.REJECTED && DECEASED_REASON.equals(entry.reason())) {
        deceased.record(payment.personalId(), "bank-" + bin);
      }
      if (entry.outcome() == PaymentStatus.REJECTED || entry.outcome() == PaymentStatus.RETURNED) {
        accountStops.reported(payment.personalId(), bin, payment.accountNumber(), entry.reason());
      }
      outcomes.merge(entry.outcome().name(), 1, Integer::sum);
      rows.computeIfAbsent(payment.batchKey(), k -> new ArrayList<>()).add(payment.row());
      results.computeIfAbsent(payment.batchKey(), k -> new ArrayList<>()).add(new Result(payment.paymentId(),
          payment.beneficiaryId(), entry.outcome(), entry.reason(), payment.amount(), payment.personalId(),
          entry.outcome() == PaymentStatus.PAID ? "ACCOUNT" : null, payment.viaRepresentative()));
    }
    for (var batch : results.entrySet()) {
      settle(batch.getKey());
      batches.paymentsChanged(batch.getKey(), rows.get(batch.getKey()), "bank-report " + report.messageId());
      tell(bin, report.messageId(), batch.getKey(), batch.getValue());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("messageId", report.messageId());
    answer.put("messageType", report.messageType());
    answer.put("transactions", found.size());
    answer.put("outcomes", outcomes);
    String response = json.writeValueAsString(answer);
    idempotent.remember(client, idempotencyKey, new IdempotentRequests.Answer(sha, 200, response));
    return response;
  }

  /** The paying agency hears of the changes through the outbox, with retries and dead letters. */
  private void tell(String bin, String msgId, long batchKey, List<Result> changed) throws JsonProcessingException {
    PaymentBatch b = batches.find(batchKey).orElseThrow();
    Long id = jdbc.queryForObject("insert into payment_result (batch_key, bank_bin, msg_id, results, created_at)"
        + " values (?, ?, ?, ?, ?) returning id", Long.class, batchKey, bin, msgId, json.writeValueAsString(changed),
        Timestamp.from(clock.instant()));
    outbox.enqueue(RESULTS, b.owner(), Long.toString(id));
  }

  /** Every reported payment, or a 4xx naming the first one that is not this bank's to report. */
  private List<Reported> resolve(String bin, PaymentReport report) {
    Map<String, Map<String, Reported>> files = new HashMap<>();
    // files locked in one order, so two reports on the same files wait for each other instead of deadlocking
    new TreeSet<>(report.entries().stream().map(PaymentReport.Entry::fileId).toList())
        .forEach(id -> files.put(id, filePayments(bin, id)));
    List<Reported> found = new ArrayList<>();
    for (PaymentReport.Entry e : report.entries()) {
      Map<String, Reported> file = files.computeIfAbsent(e.fileId(), id -> filePayments(bin, id));
      Reported payment = file.get(e.endToEndId());
      if (payment == null) {
        throw new NotFoundException("payment '" + e.endToEndId() + "' in file", e.fileId());
      }
      if (e.amountVnd() != null && e.amountVnd() != payment.amount()) {
        throw new InvalidRequestException("Amt", "the amount reported for '" + e.endToEndId()
            + "' is not the amount sent");
      }
      found.add(payment);
    }
    return found;
  }

  private Map<String, Reported> filePayments(String bin, String fileId) {
    PaymentFile file = jdbc.query("select * from payment_file where file_id = ?", PaymentFiles::map, fileId).stream()
        .findFirst().orElseThrow(() -> new NotFoundException("payment file", fileId));
    if (!file.bankBin().equals(bin)) {
      throw new ForbiddenException("Payment file '" + fileId + "' was sent to another bank");
    }
    Map<String, Reported> payments = new HashMap<>();
    // locked: a status is read and moved on by one report at a time
    jdbc.query("select payment_id, row_no, beneficiary_id, personal_id, amount_vnd, status, account_number,"
        + " representative_id is not null from payment"
        + " where " + PaymentFile.ROWS + " and " + PaymentStatus.IN_ITS_FILE
        + " for update", rs -> {
          payments.put(rs.getString(1), new Reported(file.batchKey(), rs.getInt(2), rs.getString(1), rs.getString(3),
              rs.getString(4), rs.getLong(5), PaymentStatus.valueOf(rs.getString(6)), rs.getString(7), rs.getBoolean(8)));
        }, file.rows());
    return payments;
  }

  /** Forward only: a report that arrives late never undoes a later one. */
  static boolean moves(PaymentStatus from, PaymentStatus to) {
    return switch (from) {
      case PENDING, DISPATCHED -> to != from;
      case ACCEPTED -> to == PaymentStatus.PAID || to == PaymentStatus.REJECTED || to == PaymentStatus.RETURNED;
      case PAID -> to == PaymentStatus.RETURNED;
      default -> false;
    };
  }

  /** SETTLED when every payment sent (to banks and wallets) has its outcome, PARTIALLY_SETTLED while some still wait. */
  void settle(long batchKey) {
    PaymentBatch b = batches.lock(batchKey).orElseThrow();
    if (b.status() != BatchStatus.DISPATCHING && b.status() != BatchStatus.DISPATCHED
        && b.status() != BatchStatus.PARTIALLY_SETTLED) {
      return;
    }
    long open = jdbc.queryForObject("select count(*) from payment where batch_key = ?"
        + " and (file_seq is not null or wallet_provider is not null)"
        + " and status in ('PENDING', 'DISPATCHED', 'ACCEPTED')", Long.class, batchKey);
    batches.status(batchKey, open == 0 ? BatchStatus.SETTLED : BatchStatus.PARTIALLY_SETTLED, null);
  }
}
