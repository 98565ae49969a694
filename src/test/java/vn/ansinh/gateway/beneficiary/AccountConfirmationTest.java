package vn.ansinh.gateway.beneficiary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Banks push signed, idempotent confirmations for the requests they received (SPEC §4.3). */
class AccountConfirmationTest extends GatewayHttpTest {

  private static final String CONFIRMATIONS = "/api/v1/account-openings/confirmations";

  @Autowired
  JdbcTemplate jdbc;

  private String beneficiaryId;
  private String requestId;

  @BeforeEach
  void aBeneficiaryWaitsForAgribank() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    registry.stubFor(post(urlMatching("/banks/.*")).willReturn(aResponse().withStatus(202)));
    registry.stubFor(post(urlMatching("/(dolisa|vss)/notifications")).willReturn(aResponse().withStatus(200)));
    beneficiaryId = "NA-" + UUID.randomUUID().toString().substring(0, 13);
    postJson("/api/v1/beneficiaries", token("dolisa-demo"), """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"040090000123",
         "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","gender":"MALE","preferredBankBin":"970405"}"""
        .formatted(beneficiaryId));
    await().atMost(Duration.ofSeconds(10)).until(() -> "ACCOUNT_REQUESTED".equals(status().get("status").asText()));
    requestId = jdbc.queryForObject("select request_id from account_opening_request where beneficiary_id = ?",
        String.class, beneficiaryId);
  }

  private JsonNode status() {
    return Json.read(get("/api/v1/beneficiaries/" + beneficiaryId, token("dolisa-demo")).body());
  }

  private String confirmation(String bin, String account) {
    return """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"040090000123","bankBin":"%s",
         "accountNumber":"%s","accountName":"NGUYEN VAN AN","status":"OPENED","openedAt":"2026-11-23T09:00:00Z"}"""
        .formatted(requestId, beneficiaryId, bin, account);
  }

  private HttpResponse<String> push(String bank, String key, String body, String signature) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(CONFIRMATIONS))
        .header("Authorization", "Bearer " + token(bank)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      b.header("Idempotency-Key", key);
    }
    if (signature != null) {
      b.header("X-JWS-Signature", signature);
    }
    return send(b.build());
  }

  static String sign(String keyName, String body) {
    return BankSignatures.sign(keyName, body);
  }

  @Test
  void aSignedConfirmationOpensTheAccountShownMasked() {
    String body = confirmation("970405", "1500205123456");

    HttpResponse<String> response = push("bank-970405-demo", "k-" + requestId, body, sign("970405", body));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Json.read(response.body()).get("status").asText()).isEqualTo("ACCOUNT_OPEN");
    assertThat(response.body()).doesNotContain("1500205123456").contains("*********3456");
    JsonNode view = status();
    assertThat(view.get("status").asText()).isEqualTo("ACCOUNT_OPEN");
    assertThat(view.at("/account/accountNumber").asText()).isEqualTo("*********3456");
    assertThat(view.at("/account/bankBin").asText()).isEqualTo("970405");
  }

  @Test
  void theOwningAgencyIsNotifiedInItsOwnFormatOncePerConfirmation() {
    String body = confirmation("970405", "1500205123456");
    push("bank-970405-demo", "n-" + requestId, body, sign("970405", body));
    push("bank-970405-demo", "n-" + requestId, body, sign("970405", body));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> registry.verify(1,
        postRequestedFor(urlEqualTo("/dolisa/notifications"))
            .withRequestBody(matchingJsonPath("$.beneficiaryId", equalTo(beneficiaryId)))
            .withRequestBody(matchingJsonPath("$.status", equalTo("ACCOUNT_OPEN")))
            .withRequestBody(matchingJsonPath("$.accountNumber", equalTo("1500205123456")))
            .withHeader("Idempotency-Key", containing("N-"))));
  }

  @Test
  void aFailingAgencyGetsTheNotificationAgainWithTheSameKeySoItCanKeepOne() {
    registry.stubFor(post(urlEqualTo("/dolisa/notifications")).inScenario("flaky").whenScenarioStateIs(STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("reset"));
    registry.stubFor(post(urlEqualTo("/dolisa/notifications")).inScenario("flaky").whenScenarioStateIs("reset")
        .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("well"));
    registry.stubFor(post(urlEqualTo("/dolisa/notifications")).inScenario("flaky").whenScenarioStateIs("well")
        .willReturn(aResponse().withStatus(200)));
    String body = confirmation("970405", "1500205123456");

    push("bank-970405-demo", "f-" + requestId, body, sign("970405", body));

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
        registry.findAll(postRequestedFor(urlEqualTo("/dolisa/notifications"))
            .withRequestBody(matchingJsonPath("$.beneficiaryId", equalTo(beneficiaryId))))).hasSize(3));
    assertThat(registry.findAll(postRequestedFor(urlEqualTo("/dolisa/notifications"))
            .withRequestBody(matchingJsonPath("$.beneficiaryId", equalTo(beneficiaryId)))).stream()
        .map(r -> r.getHeader("Idempotency-Key")).distinct()).hasSize(1);
  }

  @Test
  void socialInsuranceIsNotifiedWithVietnameseFieldsAndDayMonthYearDates() {
    String vssBeneficiary = "VSS-" + UUID.randomUUID().toString().substring(0, 12);
    postJson("/api/v1/beneficiaries", token("vss-demo"), """
        {"beneficiaryId":"%s","program":"PENSION","personalId":"040090000123",
         "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","gender":"MALE","preferredBankBin":"970415"}"""
        .formatted(vssBeneficiary));
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
        "select request_id from account_opening_request where beneficiary_id = ?", String.class, vssBeneficiary).size() == 1);
    String vssRequest = jdbc.queryForObject("select request_id from account_opening_request where beneficiary_id = ?",
        String.class, vssBeneficiary);
    String body = confirmation("970415", "10100987654321").replace(requestId, vssRequest)
        .replace(beneficiaryId, vssBeneficiary);

    assertThat(push("bank-970415-demo", "v-" + vssRequest, body, sign("970415", body)).statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> registry.verify(1,
        postRequestedFor(urlEqualTo("/vss/notifications"))
            .withRequestBody(matchingJsonPath("$.maSoBHXH", equalTo("040090000123")))   // no number given: the personal id
            .withRequestBody(matchingJsonPath("$.soDinhDanh", equalTo("040090000123")))
            .withRequestBody(matchingJsonPath("$.hoTen", equalTo("Nguyễn Văn An")))
            .withRequestBody(matchingJsonPath("$.ngaySinh", equalTo("17/05/1990")))
            .withRequestBody(matchingJsonPath("$.soTaiKhoan", equalTo("10100987654321")))
            .withRequestBody(matchingJsonPath("$.maNganHang", equalTo("970415")))
            .withRequestBody(matchingJsonPath("$.trangThai", equalTo("DA_MO_TAI_KHOAN")))));
  }

  @Test
  void theSameKeyAndBodyGiveTheSameAnswerOnceAnotherBodyConflicts() {
    String body = confirmation("970405", "1500205123456");
    String key = "k-" + requestId;

    HttpResponse<String> first = push("bank-970405-demo", key, body, sign("970405", body));
    HttpResponse<String> again = push("bank-970405-demo", key, body, sign("970405", body));
    String other = confirmation("970405", "1500205999999");
    HttpResponse<String> conflict = push("bank-970405-demo", key, other, sign("970405", other));

    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    assertThat(jdbc.queryForObject("select count(*) from beneficiary_account where beneficiary_id = ?", Long.class,
        beneficiaryId)).isEqualTo(1);
    assertThat(conflict.statusCode()).isEqualTo(409);
  }

  @Test
  void signaturesThatDoNotHoldAre401() {
    String body = confirmation("970405", "1500205123456");

    assertThat(push("bank-970405-demo", "a-" + requestId, body, null).statusCode()).as("missing").isEqualTo(401);
    assertThat(push("bank-970405-demo", "b-" + requestId, body, sign("stranger", body)).statusCode())
        .as("unregistered key").isEqualTo(401);
    assertThat(push("bank-970405-demo", "c-" + requestId, body.replace("3456", "3457"), sign("970405", body))
        .statusCode()).as("altered body").isEqualTo(401);
    assertThat(push("bank-970405-demo", "d-" + requestId, body, sign("970415", body)).statusCode())
        .as("another bank's key").isEqualTo(401);
    assertThat(push("bank-970405-demo", "e-" + requestId, body, "eyJhbGciOiJub25lIn0..").statusCode())
        .as("alg none").isEqualTo(401);
    assertThat(push("bank-970405-demo", null, body, sign("970405", body)).statusCode()).as("no key").isEqualTo(400);
    assertThat(status().get("status").asText()).isEqualTo("ACCOUNT_REQUESTED");
  }

  @Test
  void aBankConfirmsOnlyForItsOwnBinAndTheRequestsItReceived() {
    String otherBin = confirmation("970415", "1500205123456");
    String unknown = confirmation("970405", "1500205123456").replace(requestId, "AO-unknown");
    String notTheirs = confirmation("970415", "1500205123456");

    assertThat(push("bank-970405-demo", "f-" + requestId, otherBin, sign("970405", otherBin)).statusCode())
        .isEqualTo(403);
    assertThat(push("bank-970405-demo", "g-" + requestId, unknown, sign("970405", unknown)).statusCode())
        .isEqualTo(404);
    assertThat(push("bank-970415-demo", "h-" + requestId, notTheirs, sign("970415", notTheirs)).statusCode())
        .isEqualTo(404);
    assertThat(status().get("status").asText()).isEqualTo("ACCOUNT_REQUESTED");
  }

  @Test
  void aRejectionIsRecordedAndALaterAccountFromAnotherBankSupersedesTheFirst() {
    String opened = confirmation("970405", "1500205123456");
    push("bank-970405-demo", "i-" + requestId, opened, sign("970405", opened));
    jdbc.update("insert into account_opening_request (request_id, owner, beneficiary_id, bank_bin, sent_at)"
        + " values (?, 'dolisa-demo', ?, '970415', now())", requestId + "-2", beneficiaryId);
    String moved = confirmation("970415", "10100987654321").replace(requestId, requestId + "-2");

    assertThat(push("bank-970415-demo", "j-" + requestId, moved, sign("970415", moved)).statusCode()).isEqualTo(200);

    assertThat(status().at("/account/bankBin").asText()).isEqualTo("970415");
    assertThat(jdbc.queryForList("select active from beneficiary_account where beneficiary_id = ? order by id",
        Boolean.class, beneficiaryId)).containsExactly(false, true);

    jdbc.update("insert into account_opening_request (request_id, owner, beneficiary_id, bank_bin, sent_at)"
        + " values (?, 'dolisa-demo', ?, '970415', now())", requestId + "-3", beneficiaryId);
    String rejected = """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"040090000123","bankBin":"970415",
         "status":"REJECTED","reason":"customer did not come to the branch"}""".formatted(requestId + "-3", beneficiaryId);
    assertThat(push("bank-970415-demo", "k2-" + requestId, rejected, sign("970415", rejected)).statusCode())
        .isEqualTo(200);
    assertThat(status().get("status").asText()).isEqualTo("ACCOUNT_REJECTED");
  }

  private HttpResponse<String> signed(String key, String body) {
    return push("bank-970405-demo", key, body, sign("970405", body));
  }

  private long accounts() {
    return jdbc.queryForObject("select count(*) from beneficiary_account where beneficiary_id = ?", Long.class,
        beneficiaryId);
  }

  private static void assertProblem(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(Json.read(response.body()).path("errors").findValuesAsText("field")).as(response.body()).contains(field);
  }

  /** Fires the same request {@code n} times at once; the answers in any order. */
  private List<HttpResponse<String>> atOnce(int n, java.util.function.IntFunction<HttpRequest> request)
      throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int k = i;
        sent.add(pool.submit(() -> {
          start.await();
          return send(request.apply(k));
        }));
      }
      start.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        answers.add(f.get(30, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      pool.shutdownNow();
    }
  }

  private HttpRequest signedRequest(String key, String body) {
    return HttpRequest.newBuilder(url(CONFIRMATIONS)).header("Authorization", "Bearer " + token("bank-970405-demo"))
        .header("Content-Type", "application/json").header("Idempotency-Key", key)
        .header("X-JWS-Signature", sign("970405", body)).POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  @Test
  void aBankAnswersARequestOnceAnotherAnswerUnderANewKeyIs409() {
    String body = confirmation("970405", "1500205123456");
    HttpResponse<String> first = signed("once-" + requestId, body);
    assertThat(first.statusCode()).isEqualTo(200);

    String otherAccount = confirmation("970405", "1500205999999");
    String rejected = """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"040090000123","bankBin":"970405",
         "status":"REJECTED","reason":"changed our mind"}""".formatted(requestId, beneficiaryId);
    HttpResponse<String> replaced = signed("twice-" + requestId, otherAccount);
    HttpResponse<String> flipped = signed("thrice-" + requestId, rejected);
    HttpResponse<String> repeated = signed("once-" + requestId, body);

    assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(409);
    assertThat(flipped.statusCode()).as(flipped.body()).isEqualTo(409);
    assertThat(repeated.statusCode()).isEqualTo(200);
    assertThat(repeated.body()).isEqualTo(first.body());
    assertThat(status().get("status").asText()).isEqualTo("ACCOUNT_OPEN");
    assertThat(status().at("/account/accountNumber").asText()).isEqualTo("*********3456");
    assertThat(accounts()).isEqualTo(1);
  }

  @Test
  void theBanksNameInCapitalsWithoutToneMarksMatchesAndAnotherNameIs422WhileTheRequestStaysOpen() {
    String wrongName = confirmation("970405", "1500205123456").replace("NGUYEN VAN AN", "NGUYEN VAN ANH");

    HttpResponse<String> mismatch = signed("name-1-" + requestId, wrongName);

    assertProblem(mismatch, 422, "accountName");
    assertThat(mismatch.body()).doesNotContain("NGUYEN", "Nguyễn", "040090000123", "1500205123456");
    assertThat(status().get("status").asText()).isEqualTo("ACCOUNT_REQUESTED");
    assertThat(accounts()).isZero();

    String folded = confirmation("970405", "1500205123456").replace("NGUYEN VAN AN", "  nguyễn  VĂN an ");
    HttpResponse<String> corrected = signed("name-2-" + requestId, folded);
    assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
    assertThat(status().get("status").asText()).isEqualTo("ACCOUNT_OPEN");
  }

  @Test
  void dWithAStrokeFoldsToDButNotToAnotherLetter() {
    String id = "DT-" + UUID.randomUUID().toString().substring(0, 12);
    PopulationRegistryStubs.citizen(registry, "001185000321", "Đặng Thị Đào", "19850304", false);
    postJson("/api/v1/beneficiaries", token("dolisa-demo"), """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"001185000321",
         "fullName":"Đặng Thị Đào","dateOfBirth":"1985-03-04","gender":"FEMALE","preferredBankBin":"970405"}"""
        .formatted(id));
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
        "select request_id from account_opening_request where beneficiary_id = ?", String.class, id).size() == 1);
    String request = jdbc.queryForObject("select request_id from account_opening_request where beneficiary_id = ?",
        String.class, id);
    String template = """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"001185000321","bankBin":"970405",
         "accountNumber":"1500205000321","accountName":"%s","status":"OPENED"}""";
    String wrong = template.formatted(request, id, "TANG THI DAO");
    String right = template.formatted(request, id, "DANG THI DAO");

    assertThat(signed("d-1-" + request, wrong).statusCode()).isEqualTo(422);
    assertThat(signed("d-2-" + request, right).statusCode()).isEqualTo(200);
  }

  @Test
  void eightIdenticalConfirmationsAtOnceAllGetTheStoredAnswerAndOpenOneAccount() throws Exception {
    String body = confirmation("970405", "1500205123456");
    String key = "race-" + requestId;

    List<HttpResponse<String>> answers = atOnce(8, i -> signedRequest(key, body));

    // the same key and body: every one gets the stored answer (a 409 would be allowed, a 500 never)
    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.get(0).body());
    assertThat(accounts()).isEqualTo(1);
    assertThat(jdbc.queryForObject("select count(*) from outbox where kind = 'agency-notification' and subject = ?",
        Long.class, beneficiaryId)).isEqualTo(1);
  }

  @Test
  void eightConfirmationsUnderEightKeysAtOnceOpenOneAccountAndTheRestAre409() throws Exception {
    String body = confirmation("970405", "1500205123456");

    List<HttpResponse<String>> answers = atOnce(8, i -> signedRequest("keys-" + i + "-" + requestId, body));

    assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200, 409)
        .filteredOn(c -> c == 200).hasSize(1);
    assertThat(accounts()).isEqualTo(1);
  }

  @Test
  void absurdValuesInASignedConfirmationAre400WithAReasonNever500() {
    String good = confirmation("970405", "1500205123456");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("openedAt", good.replace("2026-11-23T09:00:00Z", "+999999-01-01T00:00:00Z"));
    cases.put("openedAt ", good.replace("\"2026-11-23T09:00:00Z\"", "1E+400"));
    cases.put("accountName", good.replace("NGUYEN VAN AN", "NGUYEN\\u0000VAN AN"));
    cases.put("requestId", good.replace(requestId, requestId + "\\u0000"));
    cases.put("accountNumber", good.replace("1500205123456", "1".repeat(31)));
    cases.put("accountName ", good.replace("NGUYEN VAN AN", "A".repeat(201)));
    cases.put("beneficiaryId", good.replace(beneficiaryId, "B".repeat(65)));
    cases.put("reason", """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"040090000123","bankBin":"970405",
         "status":"REJECTED","reason":"%s"}""".formatted(requestId, beneficiaryId, "x".repeat(5000)));
    cases.put("body", good.replace("{", "[{"));

    cases.forEach((field, body) -> {
      HttpResponse<String> response = signed("absurd-" + field.trim() + field.length() + "-" + requestId, body);
      assertThat(response.statusCode()).as(field + ": " + response.body()).isBetween(400, 422);
      assertProblem(response, response.statusCode(), field.trim());
    });
    assertProblem(signed("k".repeat(201), good), 400, "Idempotency-Key");
    assertThat(status().get("status").asText()).isEqualTo("ACCOUNT_REQUESTED");
    assertThat(accounts()).isZero();
  }
}
