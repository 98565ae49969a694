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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * E-wallets as a payment channel (SPEC §4.15), end to end over HTTP with WireMock as Viettel Money
 * and VNPT Money: ownership confirmed before the first payment, one order per batch and provider,
 * signed idempotent reports that move payments like a bank's, and the reconciliation balanced.
 */
class WalletPaymentsTest extends PaymentCycleTest {

  static final String WALLET_HEADER = HEADER.strip() + ",wallet_provider,wallet_id\n";
  private static final String VIETTEL_ORDERS = "/wallets/VIETTELMONEY/payment-orders";
  private static final String OWNERSHIP = "/wallets/(VIETTELMONEY|VNPTMONEY)/wallets/ownership-checks";

  @BeforeEach
  void providers() {
    registry.stubFor(post(urlMatching(OWNERSHIP)).atPriority(5)
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"result\":\"CONFIRMED\"}")));
    registry.stubFor(post(urlMatching("/wallets/(VIETTELMONEY|VNPTMONEY)/payment-orders")).atPriority(5)
        .willReturn(aResponse().withStatus(202)));
  }

  /** The provider says this wallet belongs to somebody else. */
  private static void walletOfSomebodyElse(String walletId) {
    registry.stubFor(post(urlMatching(OWNERSHIP)).atPriority(1)
        .withRequestBody(matchingJsonPath("$.walletId", equalTo(walletId)))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"walletId\":\"" + walletId + "\",\"result\":\"MISMATCH\"}")));
  }

  private HttpResponse<String> submitWallets(String period, String csv, long count, long sum) {
    registryKnowsAsListed(csv);
    return postBody("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=" + period, token("dolisa-demo"),
        "text/csv; charset=UTF-8", WALLET_HEADER + csv, "X-Control-Count", Long.toString(count), "X-Control-Sum",
        Long.toString(sum));
  }

  private static String walletRow(String paymentId, String person, String name, long amount, String provider,
      String walletId) {
    return paymentId + ",B-" + paymentId + "," + person + "," + name + "," + amount + ",,,40,16681,," + provider + ","
        + walletId + "\n";
  }

  private Map<String, JsonNode> payments(String batchId) {
    return Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token("dolisa-demo")).body())
        .path("payments").findParents("paymentId").stream()
        .collect(Collectors.toMap(p -> p.path("paymentId").asText(), p -> p));
  }

  /** The orders a provider received, each as the JSON sent. */
  private static List<JsonNode> ordersReceived(String path, String marker) {
    return registry.findAll(postRequestedFor(urlEqualTo(path)).withRequestBody(containing(marker))).stream()
        .map(LoggedRequest::getBodyAsString).map(Json::read).toList();
  }

  private HttpResponse<String> walletReport(String provider, String keyFile, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url("/api/v1/wallet-reports"))
        .header("Authorization", "Bearer " + token(provider)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (keyFile != null) {
      b.header("X-JWS-Signature", BankSignatures.signWithKey(keyFile, body));
    }
    return send(b.build());
  }

  private static String reportBody(String reportId, String orderId, String... results) {
    StringBuilder s = new StringBuilder("{\"reportId\":\"" + reportId + "\",\"results\":[");
    for (int i = 0; i < results.length; i++) {
      String[] r = results[i].split(":");   // paymentId:status[:reason]
      s.append(i == 0 ? "" : ",").append("{\"orderId\":\"").append(orderId).append("\",\"paymentId\":\"").append(r[0])
          .append("\",\"status\":\"").append(r[1]).append('"').append(r.length > 2 ? ",\"reason\":\"" + r[2] + "\"" : "")
          .append('}');
    }
    return s.append("]}").toString();
  }

  /** A batch of wallet payments, approved, its order delivered to Viettel Money. */
  private String dispatchedWalletBatch(String marker, String period, String... walletIds) {
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < walletIds.length; i++) {
      csv.append(walletRow(marker + "-" + (i + 1), newPerson(), "Nguyễn Văn An", 500_000, "VIETTELMONEY", walletIds[i]));
    }
    String batchId = batchIdOf(submitWallets(period, csv.toString(), walletIds.length, 500_000L * walletIds.length));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    return batchId;
  }

  @Test
  void aWalletItsProviderDoesNotConfirmIsStoppedAndNeverSent() {
    walletOfSomebodyElse("0987000100");
    String csv = walletRow("WMIS-1", newPerson(), "Nguyễn Văn An", 500_000, "VIETTELMONEY", "0912000101")
        + walletRow("WMIS-2", newPerson(), "Trần Thị Hoà", 700_000, "VIETTELMONEY", "+84987000100");
    String batchId = batchIdOf(submitWallets("2027-05", csv, 2, 1_200_000));

    JsonNode b = awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(b.path("counts").path("identityMismatch").asLong()).isEqualTo(1);
    assertThat(b.path("wallets").get(0).path("payments").asLong()).isEqualTo(1);
    Map<String, JsonNode> p = payments(batchId);
    assertThat(p.get("WMIS-2").path("status").asText()).isEqualTo("IDENTITY_MISMATCH");
    assertThat(p.get("WMIS-2").path("statusReason").asText()).contains("wallet provider did not confirm")
        .doesNotContain("0987000100");
    assertThat(p.get("WMIS-2").path("walletId").asText()).isEqualTo("098*****00");   // masked
    assertThat(p.get("WMIS-1").path("status").asText()).isEqualTo("PENDING");
    // the provider was asked about the number in its national form, with the person and the name
    assertThat(registry.findAll(postRequestedFor(urlMatching(OWNERSHIP))
        .withRequestBody(matchingJsonPath("$.walletId", equalTo("0987000100"))))).isNotEmpty();

    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    List<JsonNode> orders = ordersReceived(VIETTEL_ORDERS, "WMIS-");
    assertThat(orders).isNotEmpty();
    assertThat(orders.get(0).path("payments").findValuesAsText("paymentId")).containsExactly("WMIS-1");
    assertThat(orders.get(0).path("totalVnd").asLong()).isEqualTo(500_000);
    JsonNode reconciliation = Json.read(get("/api/v1/reports/reconciliation?batchId=" + batchId,
        token("dolisa-demo")).body());
    assertThat(reconciliation.path("identityMismatch").path("sumVnd").asLong()).isEqualTo(700_000);
    assertThat(reconciliation.path("balanced").asBoolean()).isTrue();
  }

  @Test
  void walletPaymentsPaidRejectedAndReturnedMoveLikeBankPaymentsAndTheBatchBalances() {
    String batchId = dispatchedWalletBatch("WPRR", "2027-06", "0912000201", "0912000202", "0912000203");
    String orderId = ordersReceived(VIETTEL_ORDERS, "WPRR-").get(0).path("orderId").asText();
    assertThat(payments(batchId).get("WPRR-1").path("orderId").asText()).isEqualTo(orderId);
    assertThat(payments(batchId).values()).allMatch(p -> p.path("status").asText().equals("DISPATCHED"));

    String first = reportBody("VTM-WPRR-1", orderId, "WPRR-1:PAID", "WPRR-2:REJECTED:WALLET_LOCKED", "WPRR-3:PAID");
    HttpResponse<String> applied = walletReport("wallet-viettelmoney-demo", "wallet-viettelmoney", first);
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    assertThat(Json.read(applied.body()).path("outcomes").path("PAID").asInt()).isEqualTo(2);
    assertThat(awaitStatus(batchId, "SETTLED").path("wallets").get(0).path("delivered").asBoolean()).isTrue();
    // the same report again: the stored answer, no second effect; the same id with other content: 409
    assertThat(walletReport("wallet-viettelmoney-demo", "wallet-viettelmoney", first).body()).isEqualTo(applied.body());
    String other = reportBody("VTM-WPRR-1", orderId, "WPRR-1:RETURNED");
    assertThat(walletReport("wallet-viettelmoney-demo", "wallet-viettelmoney", other).statusCode()).isEqualTo(409);
    assertThat(walletReport("wallet-viettelmoney-demo", "wallet-viettelmoney",
        reportBody("VTM-WPRR-2", orderId, "WPRR-3:RETURNED:WALLET_CLOSED")).statusCode()).isEqualTo(200);

    Map<String, JsonNode> p = payments(batchId);
    assertThat(p.get("WPRR-1").path("status").asText()).isEqualTo("PAID");
    assertThat(p.get("WPRR-2").path("status").asText()).isEqualTo("REJECTED");
    assertThat(p.get("WPRR-2").path("statusReason").asText()).contains("WALLET_LOCKED");
    assertThat(p.get("WPRR-3").path("status").asText()).isEqualTo("RETURNED");
    JsonNode r = Json.read(get("/api/v1/reports/reconciliation?batchId=" + batchId, token("dolisa-demo")).body());
    assertThat(r.path("dispatched").path("count").asLong()).isEqualTo(3);
    assertThat(r.path("paid").path("sumVnd").asLong()).isEqualTo(500_000);
    assertThat(r.path("rejected").path("count").asLong()).isEqualTo(1);
    assertThat(r.path("returned").path("count").asLong()).isEqualTo(1);
    assertThat(r.path("toWallets").path("sumVnd").asLong()).isEqualTo(1_500_000);
    assertThat(r.path("cash").path("count").asLong()).isZero();
    assertThat(r.path("balanced").asBoolean()).isTrue();
    // the paying agency heard of each change, naming the provider
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findAll(postRequestedFor(urlEqualTo(
        "/dolisa/notifications")).withRequestBody(containing("WALLET_CLOSED"))).isEmpty());
    assertThat(registry.findAll(postRequestedFor(urlEqualTo("/dolisa/notifications"))
        .withRequestBody(containing("WPRR-2"))).get(0).getBodyAsString()).contains("\"walletProvider\":\"VIETTELMONEY\"");
  }

  @Test
  void anUnsignedOrWronglySignedReportIsRefusedAndAProviderCannotReportAnothersPayments() {
    String batchId = dispatchedWalletBatch("WSIG", "2027-07", "0912000301");
    String orderId = ordersReceived(VIETTEL_ORDERS, "WSIG-").get(0).path("orderId").asText();
    String body = reportBody("VTM-WSIG-1", orderId, "WSIG-1:PAID");

    assertThat(walletReport("wallet-viettelmoney-demo", null, body).statusCode()).isEqualTo(401);
    assertThat(walletReport("wallet-viettelmoney-demo", "wallet-vnptmoney", body).statusCode()).isEqualTo(401);
    String vnpt = reportBody("VNPT-WSIG-1", orderId, "WSIG-1:PAID");
    assertThat(walletReport("wallet-vnptmoney-demo", "wallet-vnptmoney", vnpt).statusCode()).isEqualTo(403);
    // a bank has no right to the wallet reports
    assertThat(postBody("/api/v1/wallet-reports", token("bank-970405-demo"), "application/json", body,
        "X-JWS-Signature", BankSignatures.sign("970405", body)).statusCode()).isEqualTo(403);
    assertThat(walletReport("wallet-viettelmoney-demo", "wallet-viettelmoney",
        reportBody("VTM-WSIG-2", "ASW0-VIETTELMONEY", "WSIG-1:PAID")).statusCode()).isEqualTo(404);
    assertThat(walletReport("wallet-viettelmoney-demo", "wallet-viettelmoney",
        "{\"reportId\":\"VTM-WSIG-3\",\"results\":[{\"orderId\":\"" + orderId
            + "\",\"paymentId\":\"WSIG-1\",\"status\":\"PAID\",\"amountVnd\":499999}]}").statusCode()).isEqualTo(400);
    // absurd values are a 400 naming the field, never a 500
    for (String bad : List.of("{\"reportId\":\"VTM-WSIG-4\",\"results\":[{\"orderId\":\"" + orderId
        + "\",\"paymentId\":\"WSIG-1\",\"status\":\"PAID\",\"amountVnd\":1E+400}]}",
        "{\"reportId\":\"VTM\u0000WSIG\",\"results\":[{\"orderId\":\"" + orderId
            + "\",\"paymentId\":\"WSIG-1\",\"status\":\"PAID\"}]}",
        "{\"reportId\":\"VTM-WSIG-5\",\"results\":[{\"orderId\":\"" + orderId
            + "\",\"paymentId\":\"WSIG-1\",\"status\":\"PENDING\"}]}",
        "{\"reportId\":\"VTM-WSIG-6\",\"results\":[]}", "[1,2]", "null")) {
      HttpResponse<String> refused = walletReport("wallet-viettelmoney-demo", "wallet-viettelmoney", bad);
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
    }
    assertThat(payments(batchId).get("WSIG-1").path("status").asText()).isEqualTo("DISPATCHED");

    assertThat(walletReport("wallet-viettelmoney-demo", "wallet-viettelmoney", body).statusCode()).isEqualTo(200);
    assertThat(payments(batchId).get("WSIG-1").path("status").asText()).isEqualTo("PAID");
  }

  @Test
  void aRowWithAWalletAndAnAccountOrABadNumberIsInvalid() {
    String csv = "WBAD-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,,VIETTELMONEY,0912000401\n"
        + walletRow("WBAD-2", newPerson(), "Nguyễn Văn An", 500_000, "VIETTELMONEY", "0212000402")
        + walletRow("WBAD-3", newPerson(), "Nguyễn Văn An", 500_000, "MOMO", "0912000403")
        + walletRow("WBAD-4", newPerson(), "Nguyễn Văn An", 500_000, "VNPTMONEY", "0812000404");
    String batchId = batchIdOf(submitWallets("2027-08", csv, 4, 2_000_000));
    JsonNode b = awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(b.path("counts").path("invalid").asLong()).isEqualTo(3);
    String errors = get("/api/v1/payment-batches/" + batchId + "/errors", token("dolisa-demo")).body();
    assertThat(errors).contains("not both").contains("Vietnamese mobile number").contains("not a wallet provider")
        .doesNotContain("0212000402");
    assertThat(b.path("wallets").get(0).path("walletProvider").asText()).isEqualTo("VNPTMONEY");
  }

  @Test
  void aJsonListNamesWalletsAsWell() {
    String person = newPerson();
    PopulationRegistryStubs.asListed(registry, person, "Nguyễn Văn An");
    String json = """
        {"payments":[{"paymentId":"WJSON-1","beneficiaryId":"B1","personalId":"%s","fullName":"Nguyễn Văn An",
          "amountVnd":500000,"provinceCode":"40","communeCode":"16681","walletProvider":"VIETTELMONEY",
          "walletId":"+84912000801"}]}""".formatted(person);
    String batchId = batchIdOf(postBody("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2027-12",
        token("dolisa-demo"), "application/json", json, "X-Control-Count", "1", "X-Control-Sum", "500000"));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    JsonNode p = payments(batchId).get("WJSON-1");
    assertThat(p.path("walletProvider").asText()).isEqualTo("VIETTELMONEY");
    assertThat(p.path("walletId").asText()).isEqualTo("091*****01");   // kept in its national form
    assertThat(registry.findAll(postRequestedFor(urlMatching(OWNERSHIP))
        .withRequestBody(matchingJsonPath("$.walletId", equalTo("0912000801"))))).hasSize(1);
  }

  @Test
  void aProviderOutageHoldsTheOwnershipCheckAndOpensTheCircuitThenTheBatchGoesOn() {
    registry.stubFor(post(urlMatching(OWNERSHIP)).atPriority(1).withRequestBody(containing("0912000501"))
        .willReturn(aResponse().withStatus(503)));
    String batchId = batchIdOf(submitWallets("2027-09",
        walletRow("WOUT-1", newPerson(), "Nguyễn Văn An", 500_000, "VIETTELMONEY", "0912000501"), 1, 500_000));
    await().atMost(Duration.ofSeconds(20)).until(() -> batch("dolisa-demo", batchId).path("statusReason").asText()
        .startsWith("held:"));
    assertThat(batch("dolisa-demo", batchId).path("status").asText()).isEqualTo("VALIDATING");
    // it keeps failing: the providers' circuit opens, shown on the health page without failing the instance
    await().atMost(Duration.ofSeconds(20)).until(() -> "CIRCUIT_OPEN".equals(Json.read(get("/actuator/health", null)
        .body()).at("/components/walletProviders/components/VIETTELMONEY/status").asText()));
    assertThat(batch("dolisa-demo", batchId).path("status").asText()).isEqualTo("VALIDATING");

    registry.stubFor(post(urlMatching(OWNERSHIP)).atPriority(1).withRequestBody(containing("0912000501"))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
            .withBody("{\"result\":\"CONFIRMED\"}")));
    JsonNode b = awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(b.path("wallets").get(0).path("payments").asLong()).isEqualTo(1);
  }

  @Test
  void oneProvidersOpenCircuitHoldsOnlyItsOwnWalletsWhileTheOtherProvidersPaymentsGoOut() {
    walletProviderCircuits.of("VIETTELMONEY").transitionToForcedOpenState();
    JsonNode health = Json.read(get("/actuator/health", null).body()).at("/components/walletProviders/components");
    assertThat(health.at("/VIETTELMONEY/status").asText()).isEqualTo("CIRCUIT_OPEN");
    assertThat(health.at("/VNPTMONEY/status").asText()).isEqualTo("UP");

    // VNPT Money's payments go out while Viettel Money's circuit is open
    String vnpt = batchIdOf(submitWallets("2028-01",
        walletRow("WCIR-1", newPerson(), "Nguyễn Văn An", 500_000, "VNPTMONEY", "0812000901"), 1, 500_000));
    awaitStatus(vnpt, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", vnpt).statusCode()).isEqualTo(200);
    awaitStatus(vnpt, "DISPATCHED");
    assertThat(ordersReceived("/wallets/VNPTMONEY/payment-orders", "WCIR-1")).isNotEmpty();

    // a list with both: Viettel Money's wallet waits, VNPT Money's is asked about at once
    String both = batchIdOf(submitWallets("2028-02",
        walletRow("WCIR-2", newPerson(), "Nguyễn Văn An", 500_000, "VIETTELMONEY", "0912000902")
            + walletRow("WCIR-3", newPerson(), "Nguyễn Văn An", 500_000, "VNPTMONEY", "0812000903"), 2, 1_000_000));
    await().atMost(Duration.ofSeconds(20)).until(() -> batch("dolisa-demo", both).path("statusReason").asText()
        .startsWith("held:"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findAll(postRequestedFor(urlEqualTo(
        "/wallets/VNPTMONEY/wallets/ownership-checks")).withRequestBody(containing("0812000903"))).isEmpty());
    assertThat(batch("dolisa-demo", both).path("status").asText()).isEqualTo("VALIDATING");
    assertThat(registry.findAll(postRequestedFor(urlEqualTo("/wallets/VIETTELMONEY/wallets/ownership-checks"))
        .withRequestBody(containing("0912000902")))).isEmpty();

    walletProviderCircuits.of("VIETTELMONEY").transitionToClosedState();
    JsonNode b = awaitStatus(both, "AWAITING_APPROVAL");
    assertThat(b.path("wallets").findValuesAsText("walletProvider")).containsExactlyInAnyOrder("VIETTELMONEY",
        "VNPTMONEY");
    assertThat(registry.findAll(postRequestedFor(urlEqualTo("/wallets/VNPTMONEY/wallets/ownership-checks"))
        .withRequestBody(containing("0812000903")))).as("its answer was kept while the other was held").hasSize(1);
  }

  @Test
  void aProviderThatKeepsFailingLeavesADeadLetterThatIsReplayedIntoTheSameOrder() {
    registry.stubFor(post(urlEqualTo(VIETTEL_ORDERS)).atPriority(1).withRequestBody(containing("WDEAD-"))
        .willReturn(aResponse().withStatus(503)));
    String csv = walletRow("WDEAD-1", newPerson(), "Nguyễn Văn An", 500_000, "VIETTELMONEY", "0912000601")
        + walletRow("WDEAD-2", newPerson(), "Trần Thị Hoà", 600_000, "VIETTELMONEY", "0912000602");
    String batchId = batchIdOf(submitWallets("2027-10", csv, 2, 1_100_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    String ops = token("ops-demo");

    await().atMost(Duration.ofSeconds(20)).until(() -> deadOrder(ops, batchId) != null);
    JsonNode dead = deadOrder(ops, batchId);
    assertThat(dead.path("lastError").asText()).contains("503");
    JsonNode stuck = batch("dolisa-demo", batchId);
    assertThat(stuck.path("status").asText()).isEqualTo("APPROVED");   // its one order is not delivered
    assertThat(stuck.path("statusReason").asText()).contains(dead.path("subject").asText()).contains("dead-lettered");
    int attempts = ordersReceived(VIETTEL_ORDERS, "WDEAD-").size();
    assertThat(attempts).as("retried before it was dead-lettered").isGreaterThanOrEqualTo(2);

    registry.stubFor(post(urlEqualTo(VIETTEL_ORDERS)).atPriority(1).withRequestBody(containing("WDEAD-"))
        .willReturn(aResponse().withStatus(202)));
    assertThat(postEmpty("/api/v1/dead-letters/" + dead.path("id").asLong() + "/replay", ops).statusCode())
        .isEqualTo(202);
    awaitStatus(batchId, "DISPATCHED");

    List<LoggedRequest> sent = registry.findAll(postRequestedFor(urlEqualTo(VIETTEL_ORDERS))
        .withRequestBody(containing("WDEAD-")));
    assertThat(sent.size()).isGreaterThan(attempts);
    // every attempt and the replay: the same order, under the same id, with the same payments
    assertThat(sent.stream().map(LoggedRequest::getBodyAsString).distinct()).hasSize(1);
    assertThat(sent.stream().map(r -> r.getHeader("Idempotency-Key")).distinct()).containsExactly(dead.path("subject").asText());
    assertThat(Json.read(sent.get(0).getBodyAsString()).path("payments").findValuesAsText("paymentId"))
        .containsExactly("WDEAD-1", "WDEAD-2");
    assertThat(payments(batchId).values()).allMatch(p -> p.path("status").asText().equals("DISPATCHED"));
  }

  @Test
  void aBeneficiaryRegisteredWithAWalletIsPaidToItWhenTheRowNamesNoAccount() {
    String person = newPerson();
    PopulationRegistryStubs.citizen(registry, person, "Nguyễn Văn An", "19900517", false);
    String registration = """
        {"beneficiaryId":"WREG-%s","program":"SOCIAL_ALLOWANCE","personalId":"%s","fullName":"Nguyễn Văn An",
         "dateOfBirth":"1990-05-17","gender":"MALE","provinceCode":"40","communeCode":"16681",
         "walletProvider":"VNPTMONEY","walletId":"0812000701"}""".formatted(person, person);
    HttpResponse<String> accepted = postJson("/api/v1/beneficiaries", token("dolisa-demo"), registration);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> "WALLET_REGISTERED".equals(Json.read(get(
        "/api/v1/beneficiaries/WREG-" + person, token("dolisa-demo")).body()).path("status").asText()));
    JsonNode b = Json.read(get("/api/v1/beneficiaries/WREG-" + person, token("dolisa-demo")).body());
    assertThat(b.path("walletProvider").asText()).isEqualTo("VNPTMONEY");
    assertThat(b.path("walletId").asText()).isEqualTo("081*****01");
    assertThat(registry.findAll(postRequestedFor(urlMatching("/banks/.*"))).stream()
        .filter(r -> r.getBodyAsString().contains(person))).as("no account is requested").isEmpty();
    // a wallet beside a preferred bank is refused
    assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), registration.replace("WREG-", "WREG2-")
        .replace("\"walletId\"", "\"preferredBankBin\":\"970405\",\"walletId\"")).statusCode()).isEqualTo(400);

    String csv = "WREG-1,WREG-" + person + "," + person + ",Nguyễn Văn An,500000,,,40,16681,,,\n";
    String batchId = batchIdOf(submitWallets("2027-11", csv, 1, 500_000));
    JsonNode batch = awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(batch.path("counts").path("cash").asLong()).isZero();
    assertThat(batch.path("wallets").get(0).path("walletProvider").asText()).isEqualTo("VNPTMONEY");
    assertThat(payments(batchId).get("WREG-1").path("walletId").asText()).isEqualTo("081*****01");
    assertThat(registry.findAll(postRequestedFor(urlEqualTo("/wallets/VNPTMONEY/wallets/ownership-checks"))
        .withRequestBody(matchingJsonPath("$.personalId", equalTo(person))))).hasSize(1);
  }

  private JsonNode deadOrder(String ops, String batchId) {
    String orderPrefix = "ASW";
    for (JsonNode d : Json.read(get("/api/v1/dead-letters?size=500", ops).body()).path("deadLetters")) {
      if (d.path("kind").asText().equals("wallet-payment-order") && d.path("subject").asText().startsWith(orderPrefix)
          && d.path("status").asText().equals("DEAD")
          && payments(batchId).get("WDEAD-1").path("orderId").asText().equals(d.path("subject").asText())) {
        return d;
      }
    }
    return null;
  }
}
