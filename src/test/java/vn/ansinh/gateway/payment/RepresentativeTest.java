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
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * Authorised representatives (SPEC §4.16): set by the owning agency after the population database
 * confirms them, used while valid — a payment flagged, paid to their account or collected by them
 * in cash — and never once expired.
 */
class RepresentativeTest extends PaymentCycleTest {

  private static final AtomicInteger REPRESENTATIVE = new AtomicInteger(500);

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void banksTakeOpeningRequests() {
    registry.stubFor(post(urlMatching("/banks/.*/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
  }

  /** A registered beneficiary with no account yet (the bank has not confirmed): paid in cash. */
  private String beneficiary(String partner, String personalId) {
    PopulationRegistryStubs.citizen(registry, personalId, "Hoàng Văn Nam", "19900517", false);
    String id = "RP-" + UUID.randomUUID().toString().substring(0, 13);
    assertThat(postJson("/api/v1/beneficiaries", token(partner), """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"%s","fullName":"Hoàng Văn Nam",
         "dateOfBirth":"1990-05-17","gender":"MALE","provinceCode":"40","communeCode":"16681",
         "preferredBankBin":"970405"}""".formatted(id, personalId)).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> Json.read(get("/api/v1/beneficiaries/" + id, token(partner))
        .body()).path("status").asText().equals("ACCOUNT_REQUESTED"));
    return id;
  }

  /** A woman born 1990-01-01 whom the population database knows, unless the test says otherwise. */
  private static String newRepresentative() {
    String id = "040190" + String.format("%06d", REPRESENTATIVE.incrementAndGet());
    PopulationRegistryStubs.citizen(registry, id, "Trần Thị Hoà", "19900101", false);
    return id;
  }

  private static String authorisation(String personalId, String name, LocalDate validUntil, String account) {
    return """
        {"personalId":"%s","fullName":"%s","dateOfBirth":"1990-01-01","relationship":"SPOUSE",
         "authorisationReference":"UQ-2026/123","validUntil":"%s"%s}""".formatted(personalId, name, validUntil,
        account == null ? "" : ",\"bankBin\":\"970405\",\"accountNumber\":\"" + account + "\"");
  }

  private HttpResponse<String> put(String partner, String beneficiaryId, String body) {
    return send(HttpRequest.newBuilder(url("/api/v1/beneficiaries/" + beneficiaryId + "/representative"))
        .header("Authorization", "Bearer " + token(partner)).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpResponse<String> delete(String partner, String beneficiaryId) {
    return send(HttpRequest.newBuilder(url("/api/v1/beneficiaries/" + beneficiaryId + "/representative"))
        .header("Authorization", "Bearer " + token(partner)).DELETE().build());
  }

  /** One payment for the beneficiary, without an account, in an approved list; its batch id. */
  private String approvedPayment(String period, String paymentId, String beneficiaryId, String personalId,
      String expectedStatus) {
    String csv = paymentId + "," + beneficiaryId + "," + personalId + ",Hoàng Văn Nam,500000,,,40,16681,\n";
    String batchId = batchIdOf(submit("dolisa-demo", period, csv, 1, 500_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, expectedStatus);
    return batchId;
  }

  private JsonNode payment(String batchId) {
    return Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token("dolisa-demo")).body())
        .path("payments").get(0);
  }

  @Test
  void aRepresentativeCollectsInCash() {
    String person = newPerson();
    String beneficiaryId = beneficiary("dolisa-demo", person);
    String representative = newRepresentative();
    HttpResponse<String> set = put("dolisa-demo", beneficiaryId,
        authorisation(representative, "Trần Thị Hoà", LocalDate.now().plusMonths(6), null));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    JsonNode view = Json.read(set.body());
    assertThat(view.path("personalId").asText()).isEqualTo("********" + representative.substring(8));
    assertThat(view.path("status").asText()).isEqualTo("ACTIVE");
    assertThat(Json.read(get("/api/v1/beneficiaries/" + beneficiaryId + "/representative", token("dolisa-demo"))
        .body()).path("relationship").asText()).isEqualTo("SPOUSE");
    // the owning agency hears of it; the history shows it
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findAll(postRequestedFor(
        urlEqualTo("/dolisa/notifications")).withRequestBody(containing("REPRESENTATIVE_SET"))
        .withRequestBody(containing(beneficiaryId))).isEmpty());
    assertThat(get("/api/v1/beneficiaries/" + beneficiaryId + "/history", token("dolisa-demo")).body())
        .contains("REPRESENTATIVE_SET");

    String batchId = approvedPayment("2034-01", "RP1", beneficiaryId, person, "DISPATCHED");
    assertThat(payment(batchId).path("status").asText()).isEqualTo("CASH");
    assertThat(payment(batchId).path("viaRepresentative").asBoolean()).isTrue();
    JsonNode listed = Json.read(get("/api/v1/cash-payouts?period=2034-01&communeCode=16681", token("vnpost-demo"))
        .body()).path("payments").get(0);
    assertThat(listed.path("viaRepresentative").asBoolean()).isTrue();
    assertThat(listed.path("representative").path("fullName").asText()).isEqualTo("Trần Thị Hoà");
    assertThat(listed.path("representative").path("personalId").asText()).endsWith(representative.substring(8))
        .doesNotContain(representative);

    HttpResponse<String> paid = postBody("/api/v1/cash-payouts", token("vnpost-demo"), "application/json",
        CashPayoutTest.payoutBody(batchId, "RP1", "PAID_TO_REPRESENTATIVE", Instant.now()),
        "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    assertThat(Json.read(paid.body()).path("viaRepresentative").asBoolean()).isTrue();
    JsonNode after = payment(batchId);
    assertThat(after.path("status").asText()).isEqualTo("PAID");
    assertThat(after.path("method").asText()).isEqualTo("CASH");
    assertThat(after.path("viaRepresentative").asBoolean()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> registry.findAll(postRequestedFor(urlEqualTo("/dolisa/notifications"))
        .withRequestBody(containing("\"RP1\"")).withRequestBody(containing("\"viaRepresentative\":true"))).size() == 1);
  }

  @Test
  void aRepresentativesAccountReceivesThePayment() {
    String person = newPerson();
    String beneficiaryId = beneficiary("dolisa-demo", person);
    assertThat(put("dolisa-demo", beneficiaryId, authorisation(newRepresentative(), "Trần Thị Hoà",
        LocalDate.now().plusMonths(6), "1500205987654")).statusCode()).isEqualTo(200);
    String batchId = approvedPayment("2034-02", "RP2", beneficiaryId, person, "DISPATCHED");
    JsonNode p = payment(batchId);
    assertThat(p.path("status").asText()).isEqualTo("DISPATCHED");
    assertThat(p.path("bankBin").asText()).isEqualTo("970405");
    assertThat(p.path("accountNumber").asText()).isEqualTo("*********7654");
    assertThat(p.path("viaRepresentative").asBoolean()).isTrue();
  }

  @Test
  void anExpiredRepresentativeIsNotUsed() {
    String person = newPerson();
    String beneficiaryId = beneficiary("dolisa-demo", person);
    assertThat(put("dolisa-demo", beneficiaryId, authorisation(newRepresentative(), "Trần Thị Hoà",
        LocalDate.now().plusMonths(1), "1500205111111")).statusCode()).isEqualTo(200);
    // its validity ended yesterday (set a month back, as time would have it)
    jdbc.update("update representative set valid_from = current_date - 40, valid_until = current_date - 1"
        + " where owner = 'dolisa-demo' and beneficiary_id = ?", beneficiaryId);
    assertThat(Json.read(get("/api/v1/beneficiaries/" + beneficiaryId + "/representative", token("dolisa-demo"))
        .body()).path("status").asText()).isEqualTo("EXPIRED");

    String batchId = approvedPayment("2034-03", "RP3", beneficiaryId, person, "DISPATCHED");
    JsonNode p = payment(batchId);
    assertThat(p.path("status").asText()).isEqualTo("CASH");   // not to the representative's account
    assertThat(p.path("viaRepresentative").asBoolean()).isFalse();
    JsonNode listed = Json.read(get("/api/v1/cash-payouts?period=2034-03&communeCode=16681", token("vnpost-demo"))
        .body()).path("payments").get(0);
    assertThat(listed.has("representative")).isFalse();
    HttpResponse<String> refused = postBody("/api/v1/cash-payouts", token("vnpost-demo"), "application/json",
        CashPayoutTest.payoutBody(batchId, "RP3", "PAID_TO_REPRESENTATIVE", Instant.now()),
        "Idempotency-Key", UUID.randomUUID().toString());
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(payment(batchId).path("status").asText()).isEqualTo("CASH");
  }

  @Test
  void aRepresentativeThePopulationDatabaseDoesNotConfirmIsRefused() {
    String beneficiaryId = beneficiary("dolisa-demo", newPerson());
    String unknown = "040190" + String.format("%06d", REPRESENTATIVE.incrementAndGet());
    PopulationRegistryStubs.unknown(registry, unknown);
    HttpResponse<String> r = put("dolisa-demo", beneficiaryId,
        authorisation(unknown, "Trần Thị Hoà", LocalDate.now().plusMonths(6), null));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
    assertThat(Json.read(r.body()).path("errors").get(0).path("field").asText()).isEqualTo("personalId");
    assertThat(r.body()).doesNotContain(unknown);

    String other = newRepresentative();   // known as Trần Thị Hoà
    HttpResponse<String> mismatch = put("dolisa-demo", beneficiaryId,
        authorisation(other, "Trần Thị Hoa", LocalDate.now().plusMonths(6), null));
    assertThat(mismatch.statusCode()).as(mismatch.body()).isEqualTo(422);
    assertThat(Json.read(mismatch.body()).path("errors").get(0).path("field").asText()).isEqualTo("fullName");
    assertThat(mismatch.body()).doesNotContain("Trần Thị Hoa").doesNotContain(other);
    assertThat(get("/api/v1/beneficiaries/" + beneficiaryId + "/representative", token("dolisa-demo")).statusCode())
        .isEqualTo(404);

    // bad input is 400 before the population database is asked
    assertThat(put("dolisa-demo", beneficiaryId, authorisation(other, "Trần Thị Hoà", LocalDate.now().minusDays(1),
        null)).statusCode()).isEqualTo(400);
    assertThat(put("dolisa-demo", beneficiaryId, authorisation(other, "Trần Thị Hoà", LocalDate.now().plusMonths(1),
        null).replace("SPOUSE", "NEIGHBOUR")).statusCode()).isEqualTo(400);
    assertThat(put("dolisa-demo", beneficiaryId, authorisation("040190abc123", "Trần Thị Hoà",
        LocalDate.now().plusMonths(1), null)).statusCode()).isEqualTo(400);
    assertThat(put("dolisa-demo", beneficiaryId, authorisation(other, "Trần Thị Hoà", LocalDate.now().plusMonths(1),
        null).replaceFirst("\"validUntil\":\"[^\"]+\"", "\"validUntil\":\"+999999-01-01\"")).statusCode()).isEqualTo(400);
  }

  @Test
  void aRegistryOutageIs503AndNothingIsStored() {
    String beneficiaryId = beneficiary("dolisa-demo", newPerson());
    String representative = "040190" + String.format("%06d", REPRESENTATIVE.incrementAndGet());
    registry.stubFor(post(urlEqualTo("/population")).withRequestBody(containing(representative))
        .willReturn(aResponse().withStatus(503).withBody("busy")));
    HttpResponse<String> r = put("dolisa-demo", beneficiaryId,
        authorisation(representative, "Trần Thị Hoà", LocalDate.now().plusMonths(6), null));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
    assertThat(get("/api/v1/beneficiaries/" + beneficiaryId + "/representative", token("dolisa-demo")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anotherPartnersBeneficiaryAnswers404() {
    String beneficiaryId = beneficiary("dolisa-demo", newPerson());
    String representative = newRepresentative();
    String body = authorisation(representative, "Trần Thị Hoà", LocalDate.now().plusMonths(6), null);
    assertThat(put("vss-demo", beneficiaryId, body).statusCode()).isEqualTo(404);
    assertThat(put("dolisa-demo", beneficiaryId, body).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/beneficiaries/" + beneficiaryId + "/representative", token("vss-demo")).statusCode())
        .isEqualTo(404);
    assertThat(delete("vss-demo", beneficiaryId).statusCode()).isEqualTo(404);
    // the payment point may not set one
    assertThat(put("vnpost-demo", beneficiaryId, body).statusCode()).isEqualTo(403);

    assertThat(delete("dolisa-demo", beneficiaryId).statusCode()).isEqualTo(204);
    assertThat(get("/api/v1/beneficiaries/" + beneficiaryId + "/representative", token("dolisa-demo")).statusCode())
        .isEqualTo(404);
    assertThat(delete("dolisa-demo", beneficiaryId).statusCode()).isEqualTo(404);
  }
}
