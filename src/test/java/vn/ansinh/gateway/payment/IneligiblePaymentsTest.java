package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * A suspension stops exactly the months it covers and a resumption restores the rest; a
 * termination stops every month from its own (SPEC §4.10), end to end through payment lists.
 */
class IneligiblePaymentsTest extends PaymentCycleTest {

  private static final String NAME = "Đỗ Văn Hùng";

  @BeforeEach
  void banksOpenAccounts() {
    registry.stubFor(post(urlMatching("/banks/[0-9]+/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
  }

  private String registered(String partner, String person) {
    PopulationRegistryStubs.citizen(registry, person, NAME, "19900101", false);
    String id = "IP-" + UUID.randomUUID().toString().substring(0, 12);
    HttpResponse<String> r = postJson("/api/v1/beneficiaries", token(partner), """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"%s","fullName":"%s",
         "dateOfBirth":"1990-01-01","gender":"MALE","preferredBankBin":"970405"}""".formatted(id, person, NAME));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> Json.read(get("/api/v1/beneficiaries/" + id, token(partner))
        .body()).path("status").asText().equals("ACCOUNT_REQUESTED"));
    return id;
  }

  private static String row(String paymentId, String person, String name) {
    return paymentId + ",B-" + paymentId + "," + person + "," + name + ",500000,970405,1500205000001,40,16681,\n";
  }

  /** The person's payment in a list for the period, next to someone else's: its status and reason. */
  private JsonNode paymentIn(String partner, String period, String person) {
    String mine = "IP-" + UUID.randomUUID().toString().substring(0, 12);
    String other = "IP-" + UUID.randomUUID().toString().substring(0, 12);
    String batchId = batchIdOf(submit(partner, "SOCIAL_ALLOWANCE", period, row(mine, person, NAME)
        + row(other, newPerson(), "Phạm Thị Lan"), 2, "1000000"));
    awaitStatus(batchId, "AWAITING_APPROVAL", partner);
    for (JsonNode p : Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token(partner)).body())
        .path("payments")) {
      if (p.path("paymentId").asText().equals(mine)) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) p).put("batchId", batchId);
        return p;
      }
    }
    throw new AssertionError("payment " + mine + " not in batch " + batchId);
  }

  private HttpResponse<String> lifecycle(String method, String path, String body) {
    return send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token("dolisa-demo"))
        .header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)).build());
  }

  @Test
  void aSuspensionStopsExactlyItsMonthsAndAResumptionRestoresTheRest() {
    String person = newPerson();
    String id = registered("dolisa-demo", person);
    assertThat(lifecycle("POST", "/api/v1/beneficiaries/" + id + "/suspension",
        "{\"reason\":\"vắng mặt tại địa phương\",\"effectiveFrom\":\"2026-03-01\"}").statusCode()).isEqualTo(200);
    assertThat(lifecycle("DELETE", "/api/v1/beneficiaries/" + id + "/suspension",
        "{\"effectiveFrom\":\"2026-05-01\"}").statusCode()).isEqualTo(200);

    Map<String, String> byMonth = new LinkedHashMap<>();
    for (String period : new String[] {"2026-02", "2026-03", "2026-04", "2026-05"}) {
      JsonNode p = paymentIn("dolisa-demo", period, person);
      byMonth.put(period, p.path("status").asText() + " " + p.path("statusReason").asText(""));
    }

    assertThat(byMonth).containsEntry("2026-03", "INELIGIBLE SUSPENDED").containsEntry("2026-04", "INELIGIBLE SUSPENDED");
    assertThat(byMonth.get("2026-02")).startsWith("PENDING");
    assertThat(byMonth.get("2026-05")).startsWith("PENDING");
    // another agency paying the same person is not bound by this agency's suspension
    registered("vss-demo", person);
    assertThat(paymentIn("vss-demo", "2026-04", person).path("status").asText()).isEqualTo("PENDING");
  }

  @Test
  void aTerminationStopsEveryMonthFromItsOwnIsCountedReconciledAndToldToThePayer() {
    String person = newPerson();
    String id = registered("dolisa-demo", person);
    assertThat(lifecycle("POST", "/api/v1/beneficiaries/" + id + "/termination",
        "{\"reason\":\"NO_LONGER_ELIGIBLE\",\"effectiveFrom\":\"2026-07-15\"}").statusCode()).isEqualTo(200);

    JsonNode june = paymentIn("dolisa-demo", "2026-06", person);
    JsonNode july = paymentIn("dolisa-demo", "2026-07", person);
    JsonNode august = paymentIn("dolisa-demo", "2026-08", person);

    assertThat(june.path("status").asText()).isEqualTo("PENDING");
    assertThat(july.path("status").asText()).isEqualTo("INELIGIBLE");
    assertThat(july.path("statusReason").asText()).isEqualTo("TERMINATED:NO_LONGER_ELIGIBLE");
    assertThat(august.path("status").asText()).isEqualTo("INELIGIBLE");
    String batchId = july.path("batchId").asText();
    JsonNode batch = batch("dolisa-demo", batchId);
    assertThat(batch.path("counts").path("ineligible").asInt()).isEqualTo(1);
    assertThat(batch.path("counts").path("toBanks").asInt()).isEqualTo(1);
    JsonNode reconciliation = Json.read(get("/api/v1/reports/reconciliation?batchId=" + batchId, token("dolisa-demo"))
        .body());
    assertThat(reconciliation.path("ineligible").path("count").asInt()).isEqualTo(1);
    assertThat(reconciliation.path("ineligible").path("sumVnd").asLong()).isEqualTo(500_000);
    assertThat(reconciliation.path("valid").path("count").asInt()).isEqualTo(2);
    assertThat(reconciliation.path("balanced").asBoolean()).as(reconciliation.toString()).isTrue();
    var told = postRequestedFor(urlEqualTo("/dolisa/notifications")).withRequestBody(containing(batchId));
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findAll(told).isEmpty());
    JsonNode result = Json.read(registry.findAll(told).get(0).getBodyAsString()).path("results").get(0);
    assertThat(result.path("status").asText()).isEqualTo("INELIGIBLE");
    assertThat(result.path("reason").asText()).isEqualTo("TERMINATED:NO_LONGER_ELIGIBLE");
  }
}
