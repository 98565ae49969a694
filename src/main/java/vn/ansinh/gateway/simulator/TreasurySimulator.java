package vn.ansinh.gateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo mode's state treasury: it takes payment orders (SPEC §6.3) and leaves the decision to a
 * person, who approves through the gateway's API as {@code treasury-demo}.
 */
@RestController
@ConditionalOnProperty(name = "gateway.simulators.enabled", havingValue = "true")
public class TreasurySimulator {

  @PostMapping("/sim/treasury/payment-orders")
  public ResponseEntity<Map<String, Object>> paymentOrder(@RequestBody JsonNode order) {
    return ResponseEntity.accepted().body(Map.of("orderId", order.path("orderId").asText(), "status", "RECEIVED"));
  }
}
