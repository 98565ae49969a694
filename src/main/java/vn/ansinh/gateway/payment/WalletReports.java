package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import vn.ansinh.gateway.audit.AuditChain;
import vn.ansinh.gateway.beneficiary.IdempotentRequests;
import vn.ansinh.gateway.error.ConflictException;
import vn.ansinh.gateway.error.ForbiddenException;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.outbox.Outbox;
import vn.ansinh.gateway.security.PushSignatures;
import vn.ansinh.gateway.web.StrictJson;

/**
 * Wallet providers' result reports (SPEC §4.15): signed like a bank's push, idempotent by report id
 * (the same report again gets the stored answer; the same id with other content a 409), about the
 * provider's own orders only (403 otherwise). The whole report is checked before anything changes;
 * then each payment moves on like a bank-paid one (→ PAID, → REJECTED with a reason, PAID →
 * RETURNED), never back, and the paying agency hears of it through the outbox.
 */
@Service
public class WalletReports {

  private static final Pattern REPORT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,35}");
  private static final Pattern REASON = Pattern.compile("[A-Za-z0-9_]{1,35}");
  private static final Set<PaymentStatus> OUTCOMES = Set.of(PaymentStatus.PAID, PaymentStatus.REJECTED,
      PaymentStatus.RETURNED);
  private static final int MAX_RESULTS = 10_000;
  private static final String DECEASED_REASON = "MD07";

  private final PushSignatures signatures;
  private final WalletDirectory wallets;
  private final IdempotentRequests idempotent;
  private final PaymentReports bankReports;
  private final PaymentBatches batches;
  private final DeceasedRegister deceased;
  private final JdbcTemplate jdbc;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final Clock clock;

  public WalletReports(PushSignatures signatures, WalletDirectory wallets, IdempotentRequests idempotent,
      PaymentReports bankReports, PaymentBatches batches, DeceasedRegister deceased, JdbcTemplate jdbc, Outbox outbox,
      ObjectMapper json, Clock clock) {
    this.signatures = signatures;
    this.wallets = wallets;
    this.idempotent = idempotent;
    this.bankReports = bankReports;
    this.batches = batches;
    this.deceased = deceased;
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.json = json;
    this.clock = clock;
  }

  private record Reported(long batchKey, int row, String paymentId, String beneficiaryId, String personalId,
      long amount, PaymentStatus status, boolean viaRepresentative) {}

  /** Applies a report; the answer (200 and a summary) is stored, and given again for the same report. */
  @Transactional
  public String receive(String client, String signature, byte[] body) throws JsonProcessingException {
    signatures.verify(client, signature, body);
    WalletDirectory.Provider provider = wallets.ofPartner(client)
        .orElseThrow(() -> new ForbiddenException("Only wallet providers report on wallet payments"));
    WalletReport report = parse(body);
    String sha = AuditChain.sha256Hex(body);
    String key = "wallet-report|" + report.reportId();
    idempotent.lock(client, key);   // the same report pushed twice at once: one applies it, one finds its answer
    var earlier = idempotent.find(client, key);
    if (earlier.isPresent()) {
      if (!earlier.get().bodySha256().equals(sha)) {
        throw new ConflictException("Report id '" + report.reportId() + "' was already used for another report");
      }
      return earlier.get().response();
    }
    List<Reported> found = resolve(provider.code(), report);
    Map<String, Integer> outcomes = new TreeMap<>();
    Map<Long, List<PaymentReports.Result>> results = new TreeMap<>();
    Map<Long, List<Integer>> rows = new TreeMap<>();
    Map<String, PaymentStatus> now = new HashMap<>();   // a payment reported twice in one report moves on from its newest status
    for (int i = 0; i < found.size(); i++) {
      Reported payment = found.get(i);
      WalletReport.Entry entry = report.results().get(i);
      String at = payment.batchKey() + "/" + payment.row();
      if (!PaymentReports.moves(now.getOrDefault(at, payment.status()), entry.status())) {
        outcomes.merge("unchanged", 1, Integer::sum);
        continue;
      }
      now.put(at, entry.status());
      jdbc.update("update payment set status = ?, status_reason = ? where batch_key = ? and row_no = ?",
          entry.status().name(), entry.reason() == null ? null : "wallet reason " + entry.reason(),
          payment.batchKey(), payment.row());
      if (entry.status() == PaymentStatus.REJECTED && DECEASED_REASON.equals(entry.reason())) {
        deceased.record(payment.personalId(), "wallet-" + provider.code());
      }
      outcomes.merge(entry.status().name(), 1, Integer::sum);
      rows.computeIfAbsent(payment.batchKey(), k -> new ArrayList<>()).add(payment.row());
      results.computeIfAbsent(payment.batchKey(), k -> new ArrayList<>()).add(new PaymentReports.Result(
          payment.paymentId(), payment.beneficiaryId(), entry.status(), entry.reason(), payment.amount(),
          payment.personalId(), entry.status() == PaymentStatus.PAID ? "WALLET" : null, payment.viaRepresentative()));
    }
    for (var batch : results.entrySet()) {
      bankReports.settle(batch.getKey());
      batches.paymentsChanged(batch.getKey(), rows.get(batch.getKey()), "wallet-report " + report.reportId());
      tell(provider.code(), report.reportId(), batch.getKey(), batch.getValue());
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("reportId", report.reportId());
    answer.put("walletProvider", provider.code());
    answer.put("payments", found.size());
    answer.put("outcomes", outcomes);
    String response = json.writeValueAsString(answer);
    idempotent.remember(client, key, new IdempotentRequests.Answer(sha, 200, response));
    return response;
  }

  private WalletReport parse(byte[] body) {
    WalletReport r;
    try {
      r = json.readValue(body, WalletReport.class);
    } catch (JsonProcessingException e) {
      throw new InvalidRequestException(List.of(StrictJson.violation(e)));   // the field, never the value
    } catch (IOException | RuntimeException e) {
      throw new InvalidRequestException("body", "is not a valid wallet report");
    }
    if (r == null) {
      throw new InvalidRequestException("body", "is required: a wallet report");
    }
    List<Violation> v = new ArrayList<>();
    if (r.reportId() == null || !REPORT_ID.matcher(r.reportId()).matches()) {
      v.add(Violation.of("reportId", "is required: 1-35 letters, digits, '.', '_', ':' or '-'"));
    }
    if (r.results() == null || r.results().isEmpty() || r.results().size() > MAX_RESULTS) {
      v.add(Violation.of("results", "is required: 1 to " + MAX_RESULTS + " payment results"));
    } else {
      for (int i = 0; i < r.results().size(); i++) {
        WalletReport.Entry e = r.results().get(i);
        String at = "results[" + i + "].";
        if (e == null) {
          v.add(Violation.of("results[" + i + "]", "must be a payment result"));
          continue;
        }
        if (e.orderId() == null || e.orderId().length() > 35) {
          v.add(Violation.of(at + "orderId", "is required: the order id the payment was sent in"));
        }
        if (e.paymentId() == null || !PaymentRules.PAYMENT_ID.matcher(e.paymentId()).matches()) {
          v.add(Violation.of(at + "paymentId", "is required: the payer's payment id"));
        }
        if (e.status() == null || !OUTCOMES.contains(e.status())) {
          v.add(Violation.of(at + "status", "is required: PAID, REJECTED or RETURNED"));
        }
        if (e.reason() != null && !REASON.matcher(e.reason()).matches()) {
          v.add(Violation.of(at + "reason", "is a code of 1-35 letters, digits or '_'"));
        }
        if (e.amountVnd() != null && e.amountVnd() <= 0) {
          v.add(Violation.of(at + "amountVnd", "must be a whole number of đồng above zero"));
        }
      }
    }
    if (!v.isEmpty()) {
      throw new InvalidRequestException(v);
    }
    return r;
  }

  /** Every reported payment, or a 4xx naming the first one that is not this provider's to report. */
  private List<Reported> resolve(String provider, WalletReport report) {
    Map<String, Map<String, Reported>> orders = new HashMap<>();
    // orders locked in one order, so two reports on the same orders wait for each other instead of deadlocking
    new TreeSet<>(report.results().stream().map(WalletReport.Entry::orderId).toList())
        .forEach(id -> orders.put(id, orderPayments(provider, id)));
    List<Reported> found = new ArrayList<>();
    for (WalletReport.Entry e : report.results()) {
      Reported payment = orders.get(e.orderId()).get(e.paymentId());
      if (payment == null) {
        throw new NotFoundException("payment '" + e.paymentId() + "' in wallet order", e.orderId());
      }
      if (e.amountVnd() != null && e.amountVnd() != payment.amount()) {
        throw new InvalidRequestException("amountVnd", "the amount reported for '" + e.paymentId()
            + "' is not the amount sent");
      }
      found.add(payment);
    }
    return found;
  }

  private Map<String, Reported> orderPayments(String provider, String orderId) {
    WalletOrders.Order order = jdbc.query("select batch_key, provider, status from wallet_order where order_id = ?",
        (rs, i) -> new WalletOrders.Order(orderId, rs.getLong(1), rs.getString(2), 0, 0, rs.getString(3)), orderId)
        .stream().findFirst().orElseThrow(() -> new NotFoundException("wallet order", orderId));
    if (!order.provider().equals(provider)) {
      throw new ForbiddenException("Wallet order '" + orderId + "' was sent to another provider");
    }
    Map<String, Reported> payments = new HashMap<>();
    // locked: a status is read and moved on by one report at a time
    jdbc.query("select payment_id, row_no, beneficiary_id, personal_id, amount_vnd, status, representative_id is not null"
        + " from payment where batch_key = ? and wallet_provider = ? and " + PaymentStatus.IN_ITS_FILE + " for update",
        rs -> {
          payments.put(rs.getString(1), new Reported(order.batchKey(), rs.getInt(2), rs.getString(1), rs.getString(3),
              rs.getString(4), rs.getLong(5), PaymentStatus.valueOf(rs.getString(6)), rs.getBoolean(7)));
        }, order.batchKey(), provider);
    return payments;
  }

  /** The paying agency hears of the changes through the outbox, with retries and dead letters. */
  private void tell(String provider, String reportId, long batchKey, List<PaymentReports.Result> changed)
      throws JsonProcessingException {
    PaymentBatch b = batches.find(batchKey).orElseThrow();
    Long id = jdbc.queryForObject("insert into payment_result (batch_key, bank_bin, msg_id, results, created_at,"
        + " wallet_provider) values (?, null, ?, ?, ?, ?) returning id", Long.class, batchKey, reportId,
        json.writeValueAsString(changed), Timestamp.from(clock.instant()), provider);
    outbox.enqueue(PaymentReports.RESULTS, b.owner(), Long.toString(id));
  }
}
