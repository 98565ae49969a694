package vn.ansinh.gateway.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.ansinh.gateway.citizen.PersonalIdRules;
import vn.ansinh.gateway.error.InvalidRequestException;
import vn.ansinh.gateway.error.Violation;
import vn.ansinh.gateway.simulator.population.SyntheticPopulation;

/**
 * Demo mode's population database learning of a death: the simulated registry records it (its
 * lookups say so from now on) and pushes the event to the gateway as the partner
 * {@code population-registry-demo}, signed with its demo key (a detached ES256 JWS, as the banks
 * sign). {@code POST /sim/population-registry/deaths {"personalId", "date"}}.
 */
@RestController
@ConditionalOnProperty(name = "gateway.simulators.enabled", havingValue = "true")
public class PopulationEventSimulator {

  private static final String PARTNER = "population-registry-demo";
  private static final String KEY = "demo-population-registry";
  private final SyntheticPopulation population;
  private final ObjectMapper json;
  private final DemoBankKeys keys;
  private final SignedPushes pushes;

  public PopulationEventSimulator(SyntheticPopulation population, ObjectMapper json,
      @Value("${gateway.data-dir}") Path dataDir,
      @Value("${gateway.simulators.gateway-url:http://localhost:${server.port}}") String gatewayUrl,
      @Value("${gateway.simulators.bank-client-secret:demo-secret}") String clientSecret) {
    this.population = population;
    this.json = json;
    this.keys = new DemoBankKeys(dataDir);
    this.pushes = new SignedPushes(json, gatewayUrl, clientSecret);
    keys.named(KEY);   // the public half must be there before the first push is checked
  }

  @PostMapping("/sim/population-registry/deaths")
  public ResponseEntity<Map<String, Object>> death(@RequestBody JsonNode request) throws Exception {
    String personalId = request.path("personalId").asText();
    List<Violation> wrongId = PersonalIdRules.check(personalId, null, null);
    if (!wrongId.isEmpty()) {
      throw new InvalidRequestException(wrongId);
    }
    LocalDate date;
    try {
      date = LocalDate.parse(request.path("date").asText());
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("date", "is required: a date such as 2026-12-01");
    }
    population.recordDeath(personalId, date);
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", "SIM-" + UUID.randomUUID());
    event.put("personalId", personalId);
    event.put("type", "DECEASED");
    event.put("date", date.toString());
    HttpResponse<String> answer = pushes.send(PARTNER, keys.named(KEY), "/api/v1/population-events",
        "application/json", json.writeValueAsBytes(event), null);
    Map<String, Object> pushed = new LinkedHashMap<>();
    pushed.put("gatewayStatus", answer.statusCode());
    pushed.put("gatewayAnswer", json.readTree(answer.body()));
    return ResponseEntity.ok(pushed);
  }
}
