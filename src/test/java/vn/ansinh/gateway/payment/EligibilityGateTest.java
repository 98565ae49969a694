package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Nobody is paid on an identity the population database does not confirm (SPEC §4.9), end to end. */
class EligibilityGateTest extends PaymentCycleTest {

  @Autowired
  JdbcTemplate jdbc;

  private static String row(String paymentId, String person, String name) {
    return paymentId + ",B-" + paymentId + "," + person + "," + name + ",500000,970405,1500205000001,40,16681,\n";
  }

  private List<String> paymentIds(String batchId, String status) {
    List<String> found = new ArrayList<>();
    Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=" + status, token("dolisa-demo")).body())
        .path("payments").forEach(p -> found.add(p.path("paymentId").asText()));
    return found;
  }

  private int registryCallsFor(String person) {
    return registry.findAll(postRequestedFor(urlEqualTo("/population"))
        .withRequestBody(containing("<SoDinhDanh>" + person + "</SoDinhDanh>"))).size();
  }

  @Test
  void theAgencyHearsOfAListsStopsInListOrderAtMostResultsPerNotificationAMessage() {
    String[] unknown = {newPerson(), newPerson(), newPerson()};
    for (String person : unknown) {
      PopulationRegistryStubs.unknown(registry, person);
    }
    // three stops (rows 1, 3 and 5) with payable rows between them; 2 results a message in tests
    String csv = row("TOLD-1", unknown[0], "Lê Thị Mai") + row("TOLD-2", newPerson(), "Phạm Thị Lan")
        + row("TOLD-3", unknown[1], "Lê Văn Ba") + row("TOLD-4", newPerson(), "Trần Thị Hoà")
        + row("TOLD-5", unknown[2], "Đỗ Văn Năm");
    String batchId = awaitStatus(batchIdOf(submit("dolisa-demo", "2030-04", csv, 5, 2_500_000)), "AWAITING_APPROVAL")
        .path("batchId").asText();

    var told = postRequestedFor(urlEqualTo("/dolisa/notifications")).withRequestBody(containing(batchId));
    await().atMost(Duration.ofSeconds(10)).until(() -> registry.findAll(told).size() >= 2);
    List<List<String>> messages = new ArrayList<>();
    registry.findAll(told).forEach(request -> {
      List<String> results = new ArrayList<>();
      Json.read(request.getBodyAsString()).path("results").forEach(r -> results.add(r.path("paymentId").asText()));
      messages.add(results);
    });
    assertThat(messages).containsExactlyInAnyOrder(List.of("TOLD-1", "TOLD-3"), List.of("TOLD-5"));
  }

  @Test
  void aRealIdUnderAnotherNameAndAnUnknownIdAreStoppedAndTheRestGoesOn() throws Exception {
    String impostor = newPerson();
    String unknown = newPerson();
    String fine = newPerson();
    PopulationRegistryStubs.citizen(registry, impostor, "Nguyễn Văn An", "19900517", false);
    PopulationRegistryStubs.unknown(registry, unknown);
    String csv = row("GATE-1", impostor, "Trần Văn Bốn") + row("GATE-2", unknown, "Lê Thị Mai")
        + row("GATE-3", fine, "Phạm Thị Lan");

    JsonNode b = awaitStatus(batchIdOf(submit("dolisa-demo", "2030-01", csv, 3, 1_500_000)), "AWAITING_APPROVAL");

    assertThat(b.path("counts").path("identityMismatch").asInt()).isEqualTo(1);
    assertThat(b.path("counts").path("unverified").asInt()).isEqualTo(1);
    assertThat(b.path("counts").path("toBanks").asInt()).isEqualTo(1);
    assertThat(b.path("verification").path("people").asInt()).isEqualTo(3);
    assertThat(b.path("verification").path("verified").asInt()).isEqualTo(3);
    String batchId = b.path("batchId").asText();
    assertThat(paymentIds(batchId, "IDENTITY_MISMATCH")).containsExactly("GATE-1");
    assertThat(paymentIds(batchId, "UNVERIFIED")).containsExactly("GATE-2");
    assertThat(paymentIds(batchId, "PENDING")).containsExactly("GATE-3");
    JsonNode order = Json.read(registry.findAll(postRequestedFor(urlEqualTo("/treasury/payment-orders"))
        .withRequestBody(containing(batchId))).get(0).getBodyAsString());
    assertThat(order.path("count").asInt()).isEqualTo(1);
    JsonNode reconciliation = Json.read(get("/api/v1/reports/reconciliation?batchId=" + batchId, token("dolisa-demo"))
        .body());
    assertThat(reconciliation.path("unverified").path("sumVnd").asLong()).isEqualTo(500_000);
    assertThat(reconciliation.path("identityMismatch").path("count").asInt()).isEqualTo(1);
    assertThat(reconciliation.path("valid").path("count").asInt()).isEqualTo(3);
    assertThat(reconciliation.path("balanced").asBoolean()).as(reconciliation.toString()).isTrue();
    // the paying agency hears of the stops in its own format
    var told = postRequestedFor(urlEqualTo("/dolisa/notifications")).withRequestBody(containing(batchId));
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findAll(told).isEmpty());
    JsonNode results = Json.read(registry.findAll(told).get(0).getBodyAsString()).path("results");
    List<String> stops = new ArrayList<>();
    results.forEach(r -> stops.add(r.path("paymentId").asText() + ":" + r.path("status").asText()));
    assertThat(stops).containsExactly("GATE-1:IDENTITY_MISMATCH", "GATE-2:UNVERIFIED");
    assertThat(registry.findAll(told).get(0).getBodyAsString()).doesNotContain(impostor).doesNotContain(unknown);

    // the stopped rows were numbered into the same bank file as GATE-3: they never go in it
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    BankFiles files = BankFiles.receivedBy(registry, "GATE-");
    files.assertEachFileAddsUp();
    assertThat(files.endToEndIds()).containsExactly("GATE-3");
    assertThat(paymentIds(batchId, "DISPATCHED")).containsExactly("GATE-3");
  }

  @Test
  void aPersonWhoDiedOnTheFirstOfAMonthIsPaidForThatMonthAndStoppedForTheNext() {
    String person = newPerson();
    PopulationRegistryStubs.diedOn(registry, person, "Hoàng Văn Nam", "20300301");

    String march = awaitStatus(batchIdOf(submit("dolisa-demo", "2030-03", row("DIED-3", person, "Hoàng Văn Nam"), 1,
        500_000)), "AWAITING_APPROVAL").path("batchId").asText();
    JsonNode april = awaitStatus(batchIdOf(submit("dolisa-demo", "2030-04", row("DIED-4", person, "Hoàng Văn Nam"), 1,
        500_000)), "REJECTED");

    assertThat(paymentIds(march, "PENDING")).containsExactly("DIED-3");
    assertThat(april.path("counts").path("deceased").asInt()).isEqualTo(1);
    assertThat(paymentIds(april.path("batchId").asText(), "DECEASED")).containsExactly("DIED-4");
    assertThat(jdbc.queryForObject("select date_of_death::text from deceased_person where personal_id = ?",
        String.class, person)).isEqualTo("2030-03-01");
  }

  @Test
  void aRegistryOutageHoldsTheBatchUntilItAnswersAgainAndNothingIsPaidInBetween() throws Exception {
    String first = newPerson();
    String second = newPerson();
    String third = newPerson();
    registry.stubFor(post(urlEqualTo("/population")).withRequestBody(containing(third))
        .willReturn(aResponse().withStatus(503)));
    String csv = row("HOLD-1", first, "Nguyễn Văn An") + row("HOLD-2", second, "Trần Thị Hoà")
        + row("HOLD-3", third, "Lê Văn Tám");
    String batchId = batchIdOf(submit("dolisa-demo", "2030-02", csv, 3, 1_500_000));

    await().atMost(Duration.ofSeconds(10)).until(() -> batch("dolisa-demo", batchId).path("statusReason").asText()
        .startsWith("held"));
    Thread.sleep(1_000);   // several retries while the registry still fails
    JsonNode held = batch("dolisa-demo", batchId);
    assertThat(held.path("status").asText()).isEqualTo("VALIDATING");
    assertThat(held.path("verification").path("people").asInt()).isEqualTo(3);
    assertThat(held.path("verification").path("verified").asInt()).isEqualTo(2);
    assertThat(registry.findAll(postRequestedFor(urlEqualTo("/treasury/payment-orders"))
        .withRequestBody(containing(batchId)))).isEmpty();

    PopulationRegistryStubs.citizen(registry, third, "Lê Văn Tám", "19900101", false);
    JsonNode b = awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(b.path("counts").path("toBanks").asInt()).isEqualTo(3);
    assertThat(b.path("statusReason").isMissingNode() || b.path("statusReason").isNull()).isTrue();
    assertThat(registryCallsFor(first)).as("people verified before the outage are not asked again").isEqualTo(1);
  }

  @Test
  void aPersonVerifiedRecentlyNeedsNoNewCall() {
    String person = newPerson();
    PopulationRegistryStubs.citizen(registry, person, "Phạm Thị Lan", "19900101", false);
    HttpResponse<String> verified = postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
        "{\"personalId\":\"" + person + "\",\"fullName\":\"Phạm Thị Lan\",\"dateOfBirth\":\"1990-01-01\"}");
    assertThat(verified.statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).until(() -> jdbc.queryForObject(
        "select count(*) from person_verification where personal_id = ?", Integer.class, person) == 1);

    JsonNode b = awaitStatus(batchIdOf(submit("dolisa-demo", "2030-05", row("FRESH-1", person, "Phạm Thị Lan"), 1,
        500_000)), "AWAITING_APPROVAL");

    assertThat(b.path("counts").path("toBanks").asInt()).isEqualTo(1);
    assertThat(b.path("verification").path("people").asInt()).isZero();
    assertThat(registryCallsFor(person)).isEqualTo(1);
  }

  @Test
  void anOperatorsCorrectionOfAWrongDeathRecordFreesThePaymentOfABatchNotYetApproved() throws Exception {
    String person = newPerson();
    PopulationRegistryStubs.diedOn(registry, person, "Lê Văn Bình", "20290115");
    String batchId = awaitStatus(batchIdOf(submit("dolisa-demo", "2030-06", row("ALIVE-1", person, "Lê Văn Bình"), 1,
        500_000) ), "REJECTED").path("batchId").asText();
    String otherBatch = awaitStatus(batchIdOf(submit("dolisa-demo", "2030-07", row("ALIVE-2", person, "Lê Văn Bình")
        + row("ALIVE-3", newPerson(), "Trần Thị Hoà"), 2, 1_000_000)), "AWAITING_APPROVAL").path("batchId").asText();
    assertThat(paymentIds(otherBatch, "DECEASED")).containsExactly("ALIVE-2");

    HttpResponse<String> refused = postJson("/api/v1/death-records/corrections", token("dolisa-demo"),
        "{\"personalId\":\"" + person + "\",\"reason\":\"x\"}");
    assertThat(refused.statusCode()).isEqualTo(403);
    HttpResponse<String> corrected = postJson("/api/v1/death-records/corrections", token("ops-demo"),
        "{\"personalId\":\"" + person + "\",\"reason\":\"the commune confirmed the person is alive\"}");

    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
    assertThat(Json.read(corrected.body()).path("paymentsFreed").asInt()).isEqualTo(1);
    assertThat(corrected.body()).doesNotContain(person);
    assertThat(paymentIds(otherBatch, "PENDING")).containsExactlyInAnyOrder("ALIVE-2", "ALIVE-3");
    assertThat(batch("dolisa-demo", otherBatch).path("counts").path("toBanks").asInt()).isEqualTo(2);
    assertThat(paymentIds(batchId, "DECEASED")).as("a rejected batch stays as it was").containsExactly("ALIVE-1");
    await().atMost(Duration.ofSeconds(10)).until(() -> registry.findAll(postRequestedFor(
        urlEqualTo("/treasury/payment-orders")).withRequestBody(containing(otherBatch))).size() == 2);
    assertThat(postJson("/api/v1/death-records/corrections", token("ops-demo"),
        "{\"personalId\":\"" + person + "\",\"reason\":\"again\"}").statusCode()).isEqualTo(404);
    // the registry's same wrong record, learnt again, no longer stops anybody
    PopulationRegistryStubs.diedOn(registry, person, "Lê Văn Bình", "20290115");
    postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
        "{\"personalId\":\"" + person + "\",\"fullName\":\"Lê Văn Bình\",\"dateOfBirth\":\"1990-01-01\"}");
    assertThat(jdbc.queryForObject("select count(*) from deceased_person where personal_id = ?", Integer.class,
        person)).isZero();

    // the freed payment goes to its bank in the file it was planned in, beside the row already there
    assertThat(approve("treasury-demo", otherBatch).statusCode()).isEqualTo(200);
    awaitStatus(otherBatch, "DISPATCHED");
    BankFiles files = BankFiles.receivedBy(registry, "ALIVE-");
    files.assertEachFileAddsUp();
    assertThat(files.endToEndIds()).containsExactlyInAnyOrder("ALIVE-2", "ALIVE-3");
  }
}
