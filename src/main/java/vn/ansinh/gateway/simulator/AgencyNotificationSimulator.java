package vn.ansinh.gateway.simulator;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Demo mode's DOLISA and VSS notification receivers: they take each notification once per key. */
@RestController
@ConditionalOnProperty(name = "gateway.simulators.enabled", havingValue = "true")
public class AgencyNotificationSimulator {

  private final Map<String, Boolean> received = new ConcurrentHashMap<>();

  @PostMapping("/sim/{agency}/notifications")
  public ResponseEntity<Map<String, Object>> notification(@PathVariable String agency,
      @RequestHeader(name = "Idempotency-Key", required = false) String key) {
    boolean first = key == null || received.putIfAbsent(agency + '|' + key, true) == null;
    return ResponseEntity.ok(Map.of("agency", agency, "received", true, "repeat", !first));
  }
}
