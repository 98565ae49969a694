package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * Authorised representatives (SPEC §4.16): set by the owning agency after the population database
 * confirms them, used while valid — a payment flagged, paid to their account (the bank file naming
 * them as the creditor) or their e-wallet (its provider asked about the representative, not the
 * beneficiary), or collected by them in cash — and never once expired.
 */
class RepresentativeTest extends PaymentCycleTest {

  private static final AtomicInteger REPRESENTATIVE = new AtomicInteger(500);

  @Autowired
  JdbcTemplate jdbc;

  private static final String OWNERSHIP = "/wallets/VNPTMONEY/wallets/ownership-checks";
  private static final String VNPT_ORDERS = "/wallets/VNPTMONEY/payment-orders";

  @BeforeEach
  void banksTakeOpeningRequests() {
    registry.stubFor(post(urlMatching("/banks/.*/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
    registry.stubFor(post(urlEqualTo(OWNERSHIP)).atPriority(5).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"result\":\"CONFIRMED\"}")));
    registry.stubFor(post(urlEqualTo(VNPT_ORDERS)).atPriority(5).willReturn(aResponse().withStatus(202)));
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

  /** As {@link #authorisation}, paid to the representative's VNPT Money wallet. */
  private static String walletAuthorisation(String personalId, LocalDate validUntil, String walletId) {
    return authorisation(personalId, "Trần Thị Hoà", validUntil, null).replaceFirst("}$",
        ",\"walletProvider\":\"VNPTMONEY\",\"walletId\":\"" + walletId + "\"}");
  }

  /** The ownership checks VNPT Money was asked about this wallet. */
  private static List<JsonNode> ownershipChecks(String walletId) {
    return registry.findAll(postRequestedFor(urlEqualTo(OWNERSHIP))
        .withRequestBody(matchingJsonPath("$.walletId", equalTo(walletId)))).stream()
        .map(LoggedRequest::getBodyAsString).map(Json::read).toList();
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
  void aRepresentativesAccountReceivesThePayment() throws Exception {
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
    // the bank compares the creditor's name with the account holder's: the representative's, not the beneficiary's
    BankFiles files = BankFiles.receivedBy(registry, "RP2");
    List<CreditTransferTransaction34> sent = files.byMsgId().values().stream()
        .flatMap(f -> BankFiles.transactions(f).stream()).toList();
    assertThat(sent).hasSize(1);
    assertThat(sent.get(0).getPmtId().getEndToEndId()).isEqualTo("RP2");
    assertThat(sent.get(0).getCdtrAcct().getId().getOthr().getId()).isEqualTo("1500205987654");
    assertThat(sent.get(0).getCdtr().getNm()).isEqualTo("Trần Thị Hoà");
  }

  @Test
  void aRepresentativesWalletReceivesThePayment() {
    String person = newPerson();
    String beneficiaryId = beneficiary("dolisa-demo", person);
    String representative = newRepresentative();
    // an account and a wallet together are refused, like a row naming both
    HttpResponse<String> both = put("dolisa-demo", beneficiaryId, walletAuthorisation(representative,
        LocalDate.now().plusMonths(6), "0812009001").replaceFirst("}$",
        ",\"bankBin\":\"970405\",\"accountNumber\":\"1500205987654\"}"));
    assertThat(both.statusCode()).as(both.body()).isEqualTo(400);
    assertThat(both.body()).contains("walletProvider").doesNotContain("0812009001");
    assertThat(put("dolisa-demo", beneficiaryId, walletAuthorisation(representative, LocalDate.now().plusMonths(6),
        "0812009OO1")).statusCode()).isEqualTo(400);
    HttpResponse<String> set = put("dolisa-demo", beneficiaryId, walletAuthorisation(representative,
        LocalDate.now().plusMonths(6), "+84812009001"));
    assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
    assertThat(Json.read(set.body()).path("walletProvider").asText()).isEqualTo("VNPTMONEY");
    assertThat(Json.read(set.body()).path("walletId").asText()).isEqualTo("081*****01");

    String batchId = approvedPayment("2034-04", "RPW1", beneficiaryId, person, "DISPATCHED");
    JsonNode p = payment(batchId);
    assertThat(p.path("status").asText()).isEqualTo("DISPATCHED");
    assertThat(p.path("walletProvider").asText()).isEqualTo("VNPTMONEY");
    assertThat(p.path("walletId").asText()).isEqualTo("081*****01");
    assertThat(p.has("bankBin")).isFalse();
    assertThat(p.path("viaRepresentative").asBoolean()).isTrue();
    // the provider was asked whether the wallet is the representative's, never the beneficiary's
    List<JsonNode> checks = ownershipChecks("0812009001");
    assertThat(checks).hasSize(1);
    assertThat(checks.get(0).path("personalId").asText()).isEqualTo(representative);
    assertThat(checks.get(0).path("fullName").asText()).isEqualTo("Trần Thị Hoà");
    // the order tells the provider the payment goes through the representative, under the holder's name
    List<JsonNode> orders = registry.findAll(postRequestedFor(urlEqualTo(VNPT_ORDERS))
        .withRequestBody(containing("\"RPW1\""))).stream().map(LoggedRequest::getBodyAsString).map(Json::read).toList();
    assertThat(orders).isNotEmpty();
    JsonNode ordered = orders.get(0).path("payments").get(0);
    assertThat(ordered.path("walletId").asText()).isEqualTo("0812009001");
    assertThat(ordered.path("fullName").asText()).isEqualTo("Trần Thị Hoà");
    assertThat(ordered.path("viaRepresentative").asBoolean()).isTrue();

    // paid: the agency's results say so, through the representative, into a wallet
    String orderId = orders.get(0).path("orderId").asText();
    String report = "{\"reportId\":\"VNPT-RPW1\",\"results\":[{\"orderId\":\"" + orderId
        + "\",\"paymentId\":\"RPW1\",\"status\":\"PAID\"}]}";
    HttpResponse<String> applied = send(HttpRequest.newBuilder(url("/api/v1/wallet-reports"))
        .header("Authorization", "Bearer " + token("wallet-vnptmoney-demo")).header("Content-Type", "application/json")
        .header("X-JWS-Signature", BankSignatures.signWithKey("wallet-vnptmoney", report))
        .POST(HttpRequest.BodyPublishers.ofString(report, StandardCharsets.UTF_8)).build());
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    JsonNode paid = payment(batchId);
    assertThat(paid.path("status").asText()).isEqualTo("PAID");
    assertThat(paid.path("method").asText()).isEqualTo("WALLET");
    assertThat(paid.path("viaRepresentative").asBoolean()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> registry.findAll(postRequestedFor(urlEqualTo("/dolisa/notifications"))
        .withRequestBody(containing("\"RPW1\"")).withRequestBody(containing("\"method\":\"WALLET\""))
        .withRequestBody(containing("\"viaRepresentative\":true"))).size() == 1);
  }

  @Test
  void aWalletItsProviderDoesNotConfirmAsTheRepresentativesIsStoppedThoughTheBeneficiaryOwnsIt() {
    String person = newPerson();
    String beneficiaryId = beneficiary("dolisa-demo", person);
    // the provider knows the wallet as the beneficiary's: a row naming it is paid to the beneficiary
    String csv = "RPW2," + beneficiaryId + "," + person + ",Hoàng Văn Nam,500000,,,40,16681,,VNPTMONEY,0812009002\n";
    registryKnowsAsListed(csv);
    String first = batchIdOf(postBody("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2034-05",
        token("dolisa-demo"), "text/csv; charset=UTF-8", WalletPaymentsTest.WALLET_HEADER + csv, "X-Control-Count", "1",
        "X-Control-Sum", "500000"));
    awaitStatus(first, "AWAITING_APPROVAL");
    assertThat(payment(first).path("viaRepresentative").asBoolean()).isFalse();
    assertThat(ownershipChecks("0812009002")).extracting(c -> c.path("personalId").asText()).containsExactly(person);

    // the representative names the same wallet: the beneficiary's confirmation does not vouch for them
    String representative = newRepresentative();
    registry.stubFor(post(urlEqualTo(OWNERSHIP)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.personalId", equalTo(representative)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"result\":\"MISMATCH\"}")));
    assertThat(put("dolisa-demo", beneficiaryId, walletAuthorisation(representative, LocalDate.now().plusMonths(6),
        "0812009002")).statusCode()).isEqualTo(200);
    String csv2 = "RPW3," + beneficiaryId + "," + person + ",Hoàng Văn Nam,500000,,,40,16681,\n";
    String second = batchIdOf(submit("dolisa-demo", "2034-06", csv2, 1, 500_000));
    awaitStatus(second, "REJECTED");
    JsonNode p = payment(second);
    assertThat(p.path("status").asText()).isEqualTo("IDENTITY_MISMATCH");
    assertThat(p.path("statusReason").asText()).contains("authorised representative").doesNotContain(representative);
    assertThat(p.path("viaRepresentative").asBoolean()).isTrue();
    assertThat(ownershipChecks("0812009002")).extracting(c -> c.path("personalId").asText())
        .containsExactly(person, representative);
    assertThat(registry.findAll(postRequestedFor(urlEqualTo(VNPT_ORDERS)).withRequestBody(containing("RPW3"))))
        .isEmpty();
  }

  @Test
  void anExpiredRepresentativesWalletIsNotUsed() {
    String person = newPerson();
    String beneficiaryId = beneficiary("dolisa-demo", person);
    String representative = newRepresentative();
    assertThat(put("dolisa-demo", beneficiaryId, walletAuthorisation(representative, LocalDate.now().plusMonths(1),
        "0812009003")).statusCode()).isEqualTo(200);
    jdbc.update("update representative set valid_from = current_date - 40, valid_until = current_date - 1"
        + " where owner = 'dolisa-demo' and beneficiary_id = ?", beneficiaryId);

    String batchId = approvedPayment("2034-07", "RPW4", beneficiaryId, person, "DISPATCHED");
    JsonNode p = payment(batchId);
    assertThat(p.path("status").asText()).isEqualTo("CASH");   // as before the representative: no account known
    assertThat(p.has("walletProvider")).isFalse();
    assertThat(p.path("viaRepresentative").asBoolean()).isFalse();
    assertThat(ownershipChecks("0812009003")).isEmpty();
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
