package vn.ansinh.gateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
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
 * Demo mode's e-wallet providers (Viettel Money, VNPT Money; contracts/wallets/openapi.yaml). A
 * wallet whose number ends in 00 belongs to somebody else, one ending in 99 does not exist; every
 * other wallet is confirmed. Payment orders are taken once per order id and reported on a moment
 * later with a signed report: most paid, a share rejected, and a few of the paid returned after.
 */
@RestController
@ConditionalOnProperty(name = "gateway.simulators.enabled", havingValue = "true")
public class WalletSimulator {

  private static final Logger log = LoggerFactory.getLogger(WalletSimulator.class);
  private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
  private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "wallet-simulator");
    t.setDaemon(true);
    return t;
  });
  private final ObjectMapper json;
  private final DemoBankKeys keys;
  private final SignedPushes pushes;
  private final long delayMillis;
  private final double rejectionRate;
  private final double returnRate;

  public WalletSimulator(ObjectMapper json, @Value("${gateway.data-dir}") Path dataDir,
      @Value("${gateway.simulators.gateway-url:http://localhost:${server.port}}") String gatewayUrl,
      @Value("${gateway.simulators.bank-client-secret:demo-secret}") String clientSecret,
      @Value("${gateway.simulators.bank-confirmation-delay-ms:1000}") long delayMillis,
      @Value("${gateway.simulators.wallet-payment-rejection-rate:0.05}") double rejectionRate,
      @Value("${gateway.simulators.wallet-payment-return-rate:0.02}") double returnRate) {
    this.json = json;
    this.keys = new DemoBankKeys(dataDir);
    this.pushes = new SignedPushes(json, gatewayUrl, clientSecret);
    this.delayMillis = delayMillis;
    this.rejectionRate = rejectionRate;
    this.returnRate = returnRate;
    keys.named("demo-wallet-VIETTELMONEY");
    keys.named("demo-wallet-VNPTMONEY");
  }

  @PostMapping(path = "/sim/wallets/{code}/wallets/ownership-checks", consumes = "application/json")
  public Map<String, Object> ownershipCheck(@PathVariable String code, @RequestBody JsonNode check) {
    String wallet = check.path("walletId").asText("");
    String result = wallet.endsWith("99") ? "UNKNOWN_WALLET" : wallet.endsWith("00") ? "MISMATCH" : "CONFIRMED";
    return Map.of("walletId", wallet, "result", result);
  }

  /** A payment order, once per order id; a repeat is acknowledged, not paid again. */
  @PostMapping(path = "/sim/wallets/{code}/payment-orders", consumes = "application/json")
  public ResponseEntity<Map<String, Object>> paymentOrder(@PathVariable String code, @RequestBody JsonNode order,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    String orderId = order.path("orderId").asText();
    boolean first = seen.putIfAbsent(code + "|" + (key != null ? key : orderId), true) == null;
    if (first) {
      later.schedule(() -> report(code, order), delayMillis, TimeUnit.MILLISECONDS);
    }
    return ResponseEntity.accepted().body(Map.of("orderId", orderId, "accepted", true, "repeat", !first));
  }

  private void report(String code, JsonNode order) {
    String orderId = order.path("orderId").asText();
    List<Map<String, Object>> results = new ArrayList<>();
    List<Map<String, Object>> returns = new ArrayList<>();
    for (JsonNode p : order.path("payments")) {
      double dice = ThreadLocalRandom.current().nextDouble();
      boolean rejected = dice < rejectionRate;
      Map<String, Object> r = result(orderId, p, rejected ? "REJECTED" : "PAID", rejected ? "WALLET_LOCKED" : null);
      results.add(r);
      if (!rejected && ThreadLocalRandom.current().nextDouble() < returnRate) {
        returns.add(result(orderId, p, "RETURNED", "WALLET_CLOSED"));
      }
    }
    push(code, code.substring(0, 3) + "-RPT-" + orderId, results);
    if (!returns.isEmpty()) {
      push(code, code.substring(0, 3) + "-RTN-" + orderId, returns);
    }
  }

  private static Map<String, Object> result(String orderId, JsonNode payment, String status, String reason) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("orderId", orderId);
    r.put("paymentId", payment.path("paymentId").asText());
    r.put("status", status);
    if (reason != null) {
      r.put("reason", reason);
    }
    r.put("amountVnd", payment.path("amountVnd").asLong());
    return r;
  }

  /** A signed report to the gateway, as the provider it plays. */
  private void push(String code, String reportId, List<Map<String, Object>> results) {
    try {
      byte[] body = json.writeValueAsBytes(Map.of("reportId", reportId.length() > 35 ? reportId.substring(0, 35)
          : reportId, "results", results));
      int status = pushes.push("wallet-" + code.toLowerCase(Locale.ROOT) + "-demo", keys.named("demo-wallet-" + code),
          "/api/v1/wallet-reports", "application/json", body, null);
      if (status != 200) {
        log.warn("Simulated wallet provider {}: the gateway answered {} to a report", code, status);
      }
    } catch (Exception e) {
      log.warn("Simulated wallet provider {} could not push a report: {}", code, e.getMessage());
    }
  }
}
