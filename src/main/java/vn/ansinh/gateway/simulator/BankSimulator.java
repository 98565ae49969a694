package vn.ansinh.gateway.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo mode's banks (Agribank 970405, VietinBank 970415): they accept account-opening requests,
 * once per idempotency key. Pushing signed confirmations back is the next step of onboarding.
 */
@RestController
@ConditionalOnProperty(name = "gateway.simulators.enabled", havingValue = "true")
public class BankSimulator {

  private final Map<String, Boolean> seen = new ConcurrentHashMap<>();
  private final AtomicLong accepted = new AtomicLong();

  @PostMapping("/sim/banks/{bin}/accounts/opening-requests")
  public ResponseEntity<Map<String, Object>> openingRequest(@PathVariable String bin,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    boolean first = key == null || seen.putIfAbsent(bin + '|' + key, true) == null;
    if (first) {
      accepted.incrementAndGet();
    }
    return ResponseEntity.accepted().body(Map.of("bankBin", bin, "accepted", true, "repeat", !first));
  }
}
