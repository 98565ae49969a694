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
import java.util.UUID;
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
            .withRequestBody(matchingJsonPath("$.maSoBHXH", equalTo(vssBeneficiary)))
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

    String rejected = """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"040090000123","bankBin":"970415",
         "status":"REJECTED","reason":"customer did not come to the branch"}""".formatted(requestId + "-2", beneficiaryId);
    assertThat(push("bank-970415-demo", "k2-" + requestId, rejected, sign("970415", rejected)).statusCode())
        .isEqualTo(200);
    assertThat(status().get("status").asText()).isEqualTo("ACCOUNT_REJECTED");
  }
}
