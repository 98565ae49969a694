package vn.ansinh.gateway.payment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.camel.Exchange;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.ansinh.gateway.beneficiary.AgencyNotifications;
import vn.ansinh.gateway.beneficiary.NotificationDirectory;
import vn.ansinh.gateway.error.NotFoundException;
import vn.ansinh.gateway.outbox.OutboxWorker;
import vn.ansinh.gateway.partner.AgencyCalls;

/**
 * Tells the paying agency what a bank's report changed in its batch (SPEC §4.5, §6.5): DOLISA in
 * plain JSON, VSS in its own shape with Vietnamese field names. One message per report and batch,
 * with a stable Idempotency-Key.
 */
@Component("paymentResults")
public class PaymentResults {

  // how a payment was paid, in VSS's words: into an account, in cash at the payment point
  private static final Map<String, String> VSS_METHOD = Map.of("ACCOUNT", "CHUYEN_KHOAN", "WALLET", "VI_DIEN_TU",
      "CASH", "TIEN_MAT");

  private final JdbcTemplate jdbc;
  private final PaymentBatches batches;
  private final NotificationDirectory directory;
  private final ObjectMapper json;

  public PaymentResults(JdbcTemplate jdbc, PaymentBatches batches, NotificationDirectory directory, ObjectMapper json) {
    this.jdbc = jdbc;
    this.batches = batches;
    this.directory = directory;
    this.json = json;
  }

  /** Body becomes the message; the agency's URL goes in {@code notificationUrl}. */
  public void build(Exchange exchange) throws JsonProcessingException {
    String owner = exchange.getProperty(OutboxWorker.OWNER, String.class);
    long id = Long.parseLong(exchange.getProperty(OutboxWorker.SUBJECT, String.class));
    Map<String, Object> row = jdbc.queryForMap("select batch_key, bank_bin, msg_id, results, wallet_provider from payment_result where id = ?", id);
    PaymentBatch b = batches.find(((Number) row.get("batch_key")).longValue()).orElseThrow();
    List<PaymentReports.Result> results = json.readValue((String) row.get("results"), new TypeReference<>() {});
    NotificationDirectory.Endpoint endpoint = directory.find(owner)
        .orElseThrow(() -> new NotFoundException("notification endpoint of", owner));
    Map<String, Object> message = endpoint.format() == NotificationDirectory.Format.VSS
        ? vss(b, (String) row.get("bank_bin"), results, socialInsuranceNumbers(owner, results))
        : dolisa(b, (String) row.get("bank_bin"), results);
    if (row.get("wallet_provider") != null) {   // a wallet provider's report (SPEC §4.15)
      message.put(endpoint.format() == NotificationDirectory.Format.VSS ? "maViDienTu" : "walletProvider",
          row.get("wallet_provider"));
    }
    exchange.setProperty(AgencyCalls.AGENCY, owner);
    exchange.setProperty("notificationUrl", endpoint.url());
    exchange.getMessage().setBody(json.writeValueAsString(message).getBytes(StandardCharsets.UTF_8));
    exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json; charset=UTF-8");
    exchange.getMessage().setHeader("Idempotency-Key", "PR-" + id);
  }

  private static Map<String, Object> dolisa(PaymentBatch b, String bin, List<PaymentReports.Result> results) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", "PAYMENT_RESULTS");
    m.put("batchId", b.batchId());
    m.put("program", b.program());
    m.put("period", b.period());
    m.put("batchStatus", b.status());
    m.put("bankBin", bin);
    m.put("results", results.stream().map(r -> {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("paymentId", r.paymentId());
      p.put("beneficiaryId", r.beneficiaryId());
      p.put("status", r.status());
      p.put("reason", r.reason());
      p.put("amountVnd", r.amountVnd());
      if (r.method() != null) {
        p.put("method", r.method());
      }
      if (Boolean.TRUE.equals(r.viaRepresentative())) {
        p.put("viaRepresentative", true);
      }
      return p;
    }).toList());
    return m;
  }

  /** Personal id → the social-insurance number the owner registered for that person, where it gave one. */
  private Map<String, String> socialInsuranceNumbers(String owner, List<PaymentReports.Result> results) {
    String ids = results.stream().map(PaymentReports.Result::personalId).filter(Objects::nonNull).distinct()
        .collect(Collectors.joining(","));
    Map<String, String> numbers = new HashMap<>();
    if (!ids.isEmpty()) {
      jdbc.query("select personal_id, social_insurance_number from beneficiary where owner = ?"
              + " and personal_id = any(string_to_array(?, ',')::bpchar[]) and social_insurance_number is not null"
              + " order by updated_at",
          rs -> {
            numbers.put(rs.getString(1), rs.getString(2));   // the latest registration's number wins
          }, owner, ids);
    }
    return numbers;
  }

  private static Map<String, Object> vss(PaymentBatch b, String bin, List<PaymentReports.Result> results,
      Map<String, String> socialInsuranceNumbers) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("loaiThongBao", "KET_QUA_CHI_TRA");
    m.put("maDotChiTra", b.batchId());
    m.put("cheDo", b.program());
    m.put("kyChiTra", b.period().substring(5) + "/" + b.period().substring(0, 4));   // MM/yyyy
    m.put("trangThaiDot", b.status());
    m.put("maNganHang", bin);
    m.put("ketQua", results.stream().map(r -> {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("maThanhToan", r.paymentId());
      p.put("maSoBHXH", AgencyNotifications.socialInsuranceNumber(socialInsuranceNumbers.get(r.personalId()),
          r.personalId()));
      p.put("trangThai", r.status());
      p.put("lyDo", r.reason());
      p.put("soTien", r.amountVnd());
      if (r.method() != null) {
        p.put("hinhThucChi", VSS_METHOD.getOrDefault(r.method(), r.method()));
      }
      if (Boolean.TRUE.equals(r.viaRepresentative())) {
        p.put("quaNguoiDaiDien", true);
      }
      return p;
    }).toList());
    return m;
  }
}
