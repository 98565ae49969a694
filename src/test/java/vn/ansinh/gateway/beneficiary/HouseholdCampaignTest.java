package vn.ansinh.gateway.beneficiary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * What household tests do over HTTP: register members of poor and near-poor households, and bring
 * each to the state of the account-opening campaign a test needs, as the registry and banks would.
 */
abstract class HouseholdCampaignTest extends GatewayHttpTest {

  /** The name the population database knows for every id; a member registered under another mismatches. */
  static final String NAME = "Nguyễn Văn An";
  static final String OTHER_NAME = "Nguyễn Văn Ân";
  private static final AtomicInteger PERSON = new AtomicInteger(800_000);

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void agenciesAnswer() {
    PopulationRegistryStubs.everyoneIs(registry, NAME);
    registry.stubFor(post(urlMatching("/banks/.*")).willReturn(aResponse().withStatus(202)));
    registry.stubFor(post(urlMatching("/(dolisa|vss)/notifications")).willReturn(aResponse().withStatus(200)));
  }

  /** A personal id no other test uses: Nghệ An, a man born in 1990 (as the registry's answer says). */
  static String newPerson() {
    return "040090" + String.format("%06d", PERSON.incrementAndGet());
  }

  static String newId() {
    return "HH-" + UUID.randomUUID().toString().substring(0, 13);
  }

  /** One member of a household, as JSON; {@code name} decides whether the identity check passes. */
  static String member(String beneficiaryId, String name, String province, String commune, String household,
      String category) {
    return """
        {"beneficiaryId":"%s","program":"POOR_HOUSEHOLD","personalId":"%s","fullName":"%s",
         "dateOfBirth":"1990-01-01","gender":"MALE","provinceCode":"%s","communeCode":"%s",
         "preferredBankBin":"970405","householdId":"%s","householdCategory":"%s"}"""
        .formatted(beneficiaryId, newPerson(), name, province, commune, household, category);
  }

  /** Registers a member and returns its beneficiary id once it has reached the state its name leads to. */
  String register(String partner, String name, String province, String commune, String household, String category) {
    String id = newId();
    HttpResponse<String> r = postJson("/api/v1/beneficiaries", token(partner),
        member(id, name, province, commune, household, category));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    awaitStatus(partner, id, NAME.equals(name) ? "ACCOUNT_REQUESTED" : "IDENTITY_MISMATCH");
    return id;
  }

  void awaitStatus(String partner, String id, String status) {
    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> assertThat(
        Json.read(get("/api/v1/beneficiaries/" + id, token(partner)).body()).path("status").asText())
        .isEqualTo(status));
  }

  /** Agribank confirms the account it was asked to open. */
  void opened(String partner, String id) {
    confirm(id, """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"%s","bankBin":"970405",
         "accountNumber":"15002059%05d","accountName":"NGUYEN VAN AN","status":"OPENED","openedAt":"%s"}"""
        .formatted(requestOf(id), id, personOf(id), Math.abs(id.hashCode() % 100_000), Instant.now()));
    awaitStatus(partner, id, "ACCOUNT_OPEN");
  }

  /** Agribank refuses to open it. */
  void rejected(String partner, String id) {
    confirm(id, """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"%s","bankBin":"970405",
         "status":"REJECTED","reason":"the customer did not come to the branch"}"""
        .formatted(requestOf(id), id, personOf(id)));
    awaitStatus(partner, id, "ACCOUNT_REJECTED");
  }

  private void confirm(String id, String body) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(url("/api/v1/account-openings/confirmations"))
        .header("Authorization", "Bearer " + token("bank-970405-demo")).header("Content-Type", "application/json")
        .header("Idempotency-Key", "hh-" + id).header("X-JWS-Signature", BankSignatures.sign("970405", body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
  }

  private String requestOf(String id) {
    return jdbc.queryForObject("select request_id from account_opening_request where beneficiary_id = ?",
        String.class, id);
  }

  private String personOf(String id) {
    return jdbc.queryForObject("select personal_id from beneficiary where beneficiary_id = ?", String.class, id);
  }
}
