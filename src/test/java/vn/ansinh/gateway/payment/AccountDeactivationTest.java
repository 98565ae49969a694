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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * A bank reports an account wrong, closed or blocked (AC01, AC04, AC06): the mapping stops, the
 * owning agency hears of it in its format, and next month the person is paid in cash.
 */
class AccountDeactivationTest extends PaymentCycleTest {

  private static final String NAME = "Nguyễn Văn An";

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void agenciesAnswer() {
    registry.stubFor(post(urlMatching("/(dolisa|vss)/notifications")).willReturn(aResponse().withStatus(200)));
    registry.stubFor(post(urlMatching("/banks/.*/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
  }

  /** A beneficiary of {@code agency} whose Agribank account the bank confirmed; answers its id. */
  private String withAccount(String agency, String person, String account, String socialInsuranceNumber) {
    PopulationRegistryStubs.citizen(registry, person, NAME, "19900101", false);
    String id = "AD-" + person;
    assertThat(postJson("/api/v1/beneficiaries", token(agency), """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"%s","fullName":"%s","dateOfBirth":"1990-01-01",
         "gender":"MALE","preferredBankBin":"970405"%s}""".formatted(id, person, NAME,
        socialInsuranceNumber == null ? "" : ",\"socialInsuranceNumber\":\"" + socialInsuranceNumber + "\""))
        .statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForList(
        "select request_id from account_opening_request where beneficiary_id = ?", String.class, id).size() == 1);
    String request = jdbc.queryForObject("select request_id from account_opening_request where beneficiary_id = ?",
        String.class, id);
    String body = """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"%s","bankBin":"970405","accountNumber":"%s",
         "accountName":"NGUYEN VAN AN","status":"OPENED","openedAt":"2026-11-23T09:00:00Z"}"""
        .formatted(request, id, person, account);
    HttpResponse<String> confirmed = send(HttpRequest.newBuilder(url("/api/v1/account-openings/confirmations"))
        .header("Authorization", "Bearer " + token("bank-970405-demo")).header("Content-Type", "application/json")
        .header("Idempotency-Key", "ad-" + request).header("X-JWS-Signature", BankSignatures.sign("970405", body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(confirmed.statusCode()).as(confirmed.body()).isEqualTo(200);
    return id;
  }

  /** A dispatched one-row batch paying {@code person} into the account the gateway knows; answers the row's file. */
  private String dispatched(String agency, String period, String paymentId, String person) {
    String batchId = batchIdOf(submit(agency, period, paymentId + ",B," + person + "," + NAME + ",500000,,,40,16681,\n",
        1, 500_000));
    awaitStatus(batchId, "AWAITING_APPROVAL", agency);
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED", agency);
    return payments(agency, batchId).get(0).path("fileId").asText();
  }

  private JsonNode payments(String agency, String batchId) {
    return Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token(agency)).body()).path("payments");
  }

  private Map<String, Object> mapping(String beneficiaryId) {
    return jdbc.queryForMap("select active, deactivated_at, deactivation_reason from beneficiary_account"
        + " where beneficiary_id = ?", beneficiaryId);
  }

  @Test
  void aClosedAccountStopsTheAgencyHearsAndNextMonthThePersonIsPaidInCash() {
    String person = newPerson();
    String account = "1500205" + person.substring(6);
    String id = withAccount("dolisa-demo", person, account, null);
    String file = dispatched("dolisa-demo", "2030-01", "AD1-" + person, person);

    HttpResponse<String> report = report("bank-970405-demo", "970405",
        PaymentReportTest.pain002("AD-PSR-" + person, file, "AD1-" + person + ":RJCT:AC04"));

    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    Map<String, Object> stopped = mapping(id);
    assertThat(stopped.get("active")).isEqualTo(false);
    assertThat(stopped.get("deactivated_at")).isNotNull();
    assertThat((String) stopped.get("deactivation_reason")).contains("AC04", "closed");
    JsonNode view = Json.read(get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).body());
    assertThat(view.path("status").asText()).isEqualTo("ACCOUNT_INACTIVE");
    assertThat(view.path("account").isMissingNode()).isTrue();
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> registry.verify(1,
        postRequestedFor(urlEqualTo("/dolisa/notifications"))
            .withRequestBody(matchingJsonPath("$.beneficiaryId", equalTo(id)))
            .withRequestBody(matchingJsonPath("$.status", equalTo("ACCOUNT_INACTIVE")))
            .withRequestBody(matchingJsonPath("$.accountNumber", equalTo(account)))
            .withRequestBody(matchingJsonPath("$.reason", containing("AC04")))));

    String nextMonth = batchIdOf(submit("dolisa-demo", "2030-02", "AD2-" + person + ",B," + person + "," + NAME
        + ",500000,,,40,16681,\n", 1, 500_000));
    awaitStatus(nextMonth, "AWAITING_APPROVAL");
    JsonNode payment = payments("dolisa-demo", nextMonth).get(0);
    assertThat(payment.path("status").asText()).as(payment.toString()).isEqualTo("CASH");
  }

  @Test
  void aBlockedAccountReturnedInCamt054IsToldToSocialInsuranceUnderTheSocialInsuranceNumber() {
    String person = newPerson();
    String account = "1500205" + person.substring(6);
    String number = "79" + person.substring(4);
    String id = withAccount("vss-demo", person, account, number);
    String file = dispatched("vss-demo", "2030-03", "AD3-" + person, person);

    HttpResponse<String> report = report("bank-970405-demo", "970405",
        PaymentReportTest.camt054("AD-NTF-" + person, file, "AD3-" + person + ":500000:AC06"));

    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    assertThat(mapping(id).get("active")).isEqualTo(false);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> registry.verify(1,
        postRequestedFor(urlEqualTo("/vss/notifications"))
            .withRequestBody(matchingJsonPath("$.maSoBHXH", equalTo(number)))
            .withRequestBody(matchingJsonPath("$.soDinhDanh", equalTo(person)))
            .withRequestBody(matchingJsonPath("$.soTaiKhoan", equalTo(account)))
            .withRequestBody(matchingJsonPath("$.trangThai", equalTo("TAI_KHOAN_NGUNG_SU_DUNG")))));
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> registry.verify(1,
        postRequestedFor(urlEqualTo("/vss/notifications"))
            .withRequestBody(matchingJsonPath("$.ketQua[0].maThanhToan", equalTo("AD3-" + person)))
            .withRequestBody(matchingJsonPath("$.ketQua[0].maSoBHXH", equalTo(number)))
            .withRequestBody(matchingJsonPath("$.ketQua[0].trangThai", equalTo("RETURNED")))));
  }

  @Test
  void aRejectionForAnotherReasonKeepsTheAccount() {
    String person = newPerson();
    String id = withAccount("dolisa-demo", person, "1500205" + person.substring(6), null);
    String file = dispatched("dolisa-demo", "2030-04", "AD4-" + person, person);

    assertThat(report("bank-970405-demo", "970405",
        PaymentReportTest.pain002("AD-AM04-" + person, file, "AD4-" + person + ":RJCT:AM04")).statusCode())
        .isEqualTo(200);

    assertThat(mapping(id).get("active")).isEqualTo(true);
    assertThat(Json.read(get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).body()).path("status").asText())
        .isEqualTo("ACCOUNT_OPEN");
  }
}
