package vn.ansinh.gateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.prowidesoftware.swift.model.mx.MxPain00100109;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo mode's banks (Agribank 970405, VietinBank 970415): they accept account-opening requests,
 * once per idempotency key, and after a short delay push a signed confirmation back to the
 * gateway — now and then a rejection — as a real bank would. They take payment files too, and
 * report on them a moment later: a pain.002 (a share rejected), then a camt.054 booking the rest (a
 * share returned), so a demo batch settles by itself.
 */
@RestController
@ConditionalOnProperty(name = "gateway.simulators.enabled", havingValue = "true")
public class BankSimulator {

  private static final Logger log = LoggerFactory.getLogger(BankSimulator.class);
  private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "bank-simulator");
    t.setDaemon(true);
    return t;
  });
  private final ObjectMapper json;
  private final DemoBankKeys keys;
  private final SignedPushes pushes;
  private final long delayMillis;
  private final double rejectionRate;
  private final double paymentRejectionRate;
  private final double paymentReturnRate;

  public BankSimulator(ObjectMapper json, @Value("${gateway.data-dir}") Path dataDir,
      @Value("${gateway.simulators.gateway-url:http://localhost:${server.port}}") String gatewayUrl,
      @Value("${gateway.simulators.bank-client-secret:demo-secret}") String clientSecret,
      @Value("${gateway.simulators.bank-confirmation-delay-ms:1000}") long delayMillis,
      @Value("${gateway.simulators.bank-rejection-rate:0.1}") double rejectionRate,
      @Value("${gateway.simulators.bank-payment-rejection-rate:0.05}") double paymentRejectionRate,
      @Value("${gateway.simulators.bank-payment-return-rate:0.02}") double paymentReturnRate) {
    this.paymentRejectionRate = paymentRejectionRate;
    this.paymentReturnRate = paymentReturnRate;
    this.json = json;
    this.keys = new DemoBankKeys(dataDir);
    this.pushes = new SignedPushes(json, gatewayUrl, clientSecret);
    this.delayMillis = delayMillis;
    this.rejectionRate = rejectionRate;
    keys.privateKey("970405");
    keys.privateKey("970415");
  }

  @PostMapping("/sim/banks/{bin}/accounts/opening-requests")
  public ResponseEntity<Map<String, Object>> openingRequest(@PathVariable String bin, @RequestBody JsonNode request,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    boolean first = key == null || seen.putIfAbsent(bin + '|' + key, true) == null;
    if (first) {
      later.schedule(() -> confirm(bin, request), delayMillis, TimeUnit.MILLISECONDS);
    }
    return ResponseEntity.accepted().body(Map.of("bankBin", bin, "accepted", true, "repeat", !first));
  }

  /** Payment files (SPEC §6.4): taken once per idempotency key; a repeat is acknowledged, not booked again. */
  @PostMapping(path = "/sim/banks/{bin}/payments/pain001", consumes = "application/xml")
  public ResponseEntity<Map<String, Object>> paymentFile(@PathVariable String bin, @RequestBody String xml,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    MxPain00100109 file = MxPain00100109.parse(xml);
    if (file == null || file.getCstmrCdtTrfInitn() == null) {
      return ResponseEntity.badRequest().body(Map.of("bankBin", bin, "accepted", false));
    }
    String msgId = file.getCstmrCdtTrfInitn().getGrpHdr().getMsgId();
    boolean first = seen.putIfAbsent(bin + "|pain001|" + (key != null ? key : msgId), true) == null;
    if (first) {
      later.schedule(() -> report(bin, file), delayMillis, TimeUnit.MILLISECONDS);
    }
    return ResponseEntity.accepted().body(Map.of("bankBin", bin, "accepted", true, "repeat", !first, "msgId", msgId,
        "transactions", file.getCstmrCdtTrfInitn().getGrpHdr().getNbOfTxs()));
  }

  /** A pain.002 for the whole file (a share rejected), then a camt.054 booking the rest (a share returned). */
  private void report(String bin, MxPain00100109 file) {
    String fileId = file.getCstmrCdtTrfInitn().getGrpHdr().getMsgId();
    var instruction = file.getCstmrCdtTrfInitn().getPmtInf().get(0);
    List<BankReportMessages.Status> statuses = new ArrayList<>();
    List<BankReportMessages.Booking> bookings = new ArrayList<>();
    for (var tx : instruction.getCdtTrfTxInf()) {
      String e2e = tx.getPmtId().getEndToEndId();
      double dice = ThreadLocalRandom.current().nextDouble();
      if (dice < paymentRejectionRate) {
        statuses.add(new BankReportMessages.Status(e2e, "RJCT", dice < paymentRejectionRate / 2 ? "AC04" : "AC01"));
      } else {
        statuses.add(new BankReportMessages.Status(e2e, "ACCP", null));
        bookings.add(new BankReportMessages.Booking(e2e, tx.getAmt().getInstdAmt().getValue().longValueExact(),
            ThreadLocalRandom.current().nextDouble() < paymentReturnRate ? "AC06" : null));
      }
    }
    String account = instruction.getDbtrAcct().getId().getOthr().getId();
    push(bin, "/api/v1/payment-reports", "application/xml", BankReportMessages.pain002(bin + "-PSR-" + fileId, fileId,
        statuses).getBytes(StandardCharsets.UTF_8), null);
    if (!bookings.isEmpty()) {
      push(bin, "/api/v1/payment-reports", "application/xml", BankReportMessages.camt054(bin + "-NTF-" + fileId, fileId,
          account, bookings).getBytes(StandardCharsets.UTF_8), null);
    }
  }

  /** A signed push to the gateway, as the bank it plays. */
  private void push(String bin, String path, String contentType, byte[] body, String idempotencyKey) {
    try {
      int status = pushes.push("bank-" + bin + "-demo", keys.privateKey(bin), path, contentType, body, idempotencyKey);
      if (status != 200) {
        log.warn("Simulated bank {}: the gateway answered {} to {}", bin, status, path);
      }
    } catch (Exception e) {
      log.warn("Simulated bank {} could not push to {}: {}", bin, path, e.getMessage());
    }
  }

  private void confirm(String bin, JsonNode request) {
    try {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("requestId", request.path("requestId").asText());
      c.put("beneficiaryId", request.path("beneficiaryId").asText());
      c.put("personalId", request.path("personalId").asText());
      c.put("bankBin", bin);
      if (ThreadLocalRandom.current().nextDouble() < rejectionRate) {
        c.put("status", "REJECTED");
        c.put("reason", "the customer did not complete the account opening");
      } else {
        c.put("accountNumber", bin.substring(4) + String.format("%011d", ThreadLocalRandom.current().nextLong(100_000_000_000L)));
        c.put("accountName", unaccentedUpper(request.path("fullName").asText()));
        c.put("status", "OPENED");
        c.put("openedAt", Instant.now().toString());
      }
      push(bin, "/api/v1/account-openings/confirmations", "application/json", json.writeValueAsBytes(c),
          "confirm-" + c.get("requestId"));
    } catch (Exception e) {
      log.warn("Simulated bank {} could not push a confirmation: {}", bin, e.getMessage());
    }
  }

  /** Banks print account names without diacritics, in capitals. */
  static String unaccentedUpper(String name) {
    return Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
        .replace('đ', 'd').replace('Đ', 'D').toUpperCase(Locale.ROOT);
  }
}
