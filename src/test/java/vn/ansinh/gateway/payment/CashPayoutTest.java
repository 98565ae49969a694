package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.Json;

/** Cash payouts recorded at the commune payment point (SPEC §4.16), over HTTP as the post office does it. */
class CashPayoutTest extends PaymentCycleTest {

  @Autowired
  JdbcTemplate jdbc;

  /** A list with one cash payment (no account anywhere) and one bank payment, approved: DISPATCHED. */
  private String approvedList(String period, String cashPerson, String paymentPrefix) {
    String csv = paymentPrefix + "-C,B-" + paymentPrefix + "-C," + cashPerson + ",Phạm Thị Lan,500000,,,40,16681,\n"
        + paymentPrefix + "-B,B-" + paymentPrefix + "-B," + newPerson() + ",Nguyễn Văn An,600000,970405,1500205000001,40,16681,\n";
    String batchId = batchIdOf(submit("dolisa-demo", period, csv, 2, 1_100_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    return batchId;
  }

  private HttpResponse<String> payout(String caller, String key, String body) {
    return key == null ? postBody("/api/v1/cash-payouts", token(caller), "application/json", body)
        : postBody("/api/v1/cash-payouts", token(caller), "application/json", body, "Idempotency-Key", key);
  }

  static String payoutBody(String batchId, String paymentId, String outcome, Instant paidAt) {
    return """
        {"batchId":"%s","paymentId":"%s","outcome":"%s","paidAt":"%s","place":"Bưu điện xã Hưng Lộc"}"""
        .formatted(batchId, paymentId, outcome, paidAt);
  }

  private JsonNode payment(String batchId, String paymentId) {
    JsonNode page = Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token("dolisa-demo")).body());
    for (JsonNode p : page.path("payments")) {
      if (p.path("paymentId").asText().equals(paymentId)) {
        return p;
      }
    }
    throw new AssertionError("no payment " + paymentId);
  }

  private List<JsonNode> resultsToldAbout(String paymentId) {
    return registry.findAll(postRequestedFor(urlEqualTo("/dolisa/notifications"))
        .withRequestBody(containing("\"" + paymentId + "\""))).stream()
        .map(r -> Json.read(r.getBodyAsString())).filter(m -> m.path("kind").asText().equals("PAYMENT_RESULTS")).toList();
  }

  @Test
  void aCashPayoutRecordedTwiceWithOneKeyHasOneEffect() {
    String person = newPerson();
    String batchId = approvedList("2033-01", person, "CP1");

    // the post office's list: the cash payment only, masked, with the name the recipient shows
    HttpResponse<String> list = get("/api/v1/cash-payouts?period=2033-01&communeCode=16681", token("vnpost-demo"));
    assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
    JsonNode payments = Json.read(list.body()).path("payments");
    assertThat(payments).hasSize(1);
    assertThat(payments.get(0).path("paymentId").asText()).isEqualTo("CP1-C");
    assertThat(payments.get(0).path("status").asText()).isEqualTo("CASH");
    assertThat(payments.get(0).path("fullName").asText()).isEqualTo("Phạm Thị Lan");
    assertThat(payments.get(0).path("personalId").asText()).isEqualTo("********" + person.substring(8));
    assertThat(list.body()).doesNotContain(person);

    String key = UUID.randomUUID().toString();
    String body = payoutBody(batchId, "CP1-C", "PAID_IN_CASH", Instant.now());
    HttpResponse<String> first = payout("vnpost-demo", key, body);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(Json.read(first.body()).path("status").asText()).isEqualTo("PAID");
    assertThat(Json.read(first.body()).path("method").asText()).isEqualTo("CASH");
    HttpResponse<String> again = payout("vnpost-demo", key, body);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    // the same key for another payout, or the payment again under a new key: 409, nothing changes
    assertThat(payout("vnpost-demo", key, body.replace("PAID_IN_CASH", "NOT_COLLECTED")).statusCode()).isEqualTo(409);
    assertThat(payout("vnpost-demo", UUID.randomUUID().toString(), body.replace("PAID_IN_CASH", "NOT_COLLECTED"))
        .statusCode()).isEqualTo(409);
    // a bank payment is not the payment point's to see
    assertThat(payout("vnpost-demo", UUID.randomUUID().toString(),
        payoutBody(batchId, "CP1-B", "PAID_IN_CASH", Instant.now())).statusCode()).isEqualTo(404);

    JsonNode paid = payment(batchId, "CP1-C");
    assertThat(paid.path("status").asText()).isEqualTo("PAID");
    assertThat(paid.path("method").asText()).isEqualTo("CASH");
    assertThat(paid.path("viaRepresentative").asBoolean()).isFalse();
    assertThat(batch("dolisa-demo", batchId).path("counts").path("cashPaid").asInt()).isEqualTo(1);
    assertThat(Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=PAID", token("dolisa-demo"))
        .body()).path("payments")).hasSize(1);

    // one message to the paying agency, for one effect
    await().atMost(Duration.ofSeconds(10)).until(() -> resultsToldAbout("CP1-C").size() == 1);
    await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> resultsToldAbout("CP1-C").size() == 1);
    JsonNode told = resultsToldAbout("CP1-C").get(0).path("results").get(0);
    assertThat(told.path("status").asText()).isEqualTo("PAID");
    assertThat(told.path("method").asText()).isEqualTo("CASH");

    // audited under the person's keyed hash: found by the personal id, which the trail never holds
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      JsonNode events = Json.read(get("/api/v1/audit/events?service=cash-payout&personalId=" + person,
          token("infosec-demo")).body()).path("events");
      return events.size() > 0 && events.get(0).path("subjectHash").asText().length() == 64;
    });

    JsonNode reconciliation = Json.read(get("/api/v1/reports/reconciliation?batchId=" + batchId, token("dolisa-demo")).body());
    assertThat(reconciliation.path("balanced").asBoolean()).isTrue();
    assertThat(reconciliation.path("cashPaid").path("count").asInt()).isEqualTo(1);
    assertThat(reconciliation.path("cashPaid").path("sumVnd").asLong()).isEqualTo(500_000);
    assertThat(reconciliation.path("cashAwaiting").path("count").asInt()).isZero();

    // coverage: cash counts as paid once recorded
    JsonNode coverage = Json.read(get("/api/v1/reports/non-cash-coverage?period=2033-01&provinceCode=40",
        token("dolisa-demo")).body());
    assertThat(coverage.path("paidInCash").asInt()).isEqualTo(1);
    assertThat(coverage.path("beneficiaries").asInt()).isEqualTo(2);

    HttpResponse<String> after = get("/api/v1/cash-payouts?period=2033-01&communeCode=16681", token("vnpost-demo"));
    JsonNode recorded = Json.read(after.body()).path("payments").get(0);
    assertThat(recorded.path("status").asText()).isEqualTo("PAID");
    assertThat(recorded.path("outcome").asText()).isEqualTo("PAID_IN_CASH");
    assertThat(recorded.path("place").asText()).isEqualTo("Bưu điện xã Hưng Lộc");
  }

  @Test
  void aCashPaymentNotRecordedInTimeBecomesUncollected() {
    String batchId = approvedList("2033-02", newPerson(), "CP2");
    // sixty days and a minute ago, for this batch only: the sweep runs on its own schedule
    jdbc.update("update payment_batch set approved_at = approved_at - interval '60 days 1 minute' where batch_id = ?",
        batchId);

    await().atMost(Duration.ofSeconds(10)).until(() -> payment(batchId, "CP2-C").path("status").asText()
        .equals("UNCOLLECTED"));
    assertThat(payment(batchId, "CP2-B").path("status").asText()).isEqualTo("DISPATCHED");
    assertThat(Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=UNCOLLECTED",
        token("dolisa-demo")).body()).path("payments")).hasSize(1);
    assertThat(batch("dolisa-demo", batchId).path("counts").path("uncollected").asInt()).isEqualTo(1);
    JsonNode reconciliation = Json.read(get("/api/v1/reports/reconciliation?batchId=" + batchId, token("dolisa-demo")).body());
    assertThat(reconciliation.path("cashUncollected").path("count").asInt()).isEqualTo(1);
    assertThat(reconciliation.path("balanced").asBoolean()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> resultsToldAbout("CP2-C").size() == 1);
    assertThat(resultsToldAbout("CP2-C").get(0).path("results").get(0).path("status").asText()).isEqualTo("UNCOLLECTED");

    // too late to record it now
    assertThat(payout("vnpost-demo", UUID.randomUUID().toString(),
        payoutBody(batchId, "CP2-C", "PAID_IN_CASH", Instant.now())).statusCode()).isEqualTo(409);
  }

  @Test
  void aPaymentRecordedNotCollectedGoesBackAsUncollected() {
    String batchId = approvedList("2033-03", newPerson(), "CP3");
    HttpResponse<String> r = payout("vnpost-demo", UUID.randomUUID().toString(),
        payoutBody(batchId, "CP3-C", "NOT_COLLECTED", Instant.now()));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(Json.read(r.body()).has("method")).isFalse();
    assertThat(payment(batchId, "CP3-C").path("status").asText()).isEqualTo("UNCOLLECTED");
    JsonNode counts = batch("dolisa-demo", batchId).path("counts");
    assertThat(counts.path("uncollected").asInt()).isEqualTo(1);
    assertThat(counts.path("cashPaid").asInt()).isZero();
    // nobody authorised: a payout to a representative is refused
    String other = approvedList("2033-04", newPerson(), "CP4");
    HttpResponse<String> refused = payout("vnpost-demo", UUID.randomUUID().toString(),
        payoutBody(other, "CP4-C", "PAID_TO_REPRESENTATIVE", Instant.now()));
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
    assertThat(payment(other, "CP4-C").path("status").asText()).isEqualTo("CASH");
    assertThat(batch("dolisa-demo", other).path("counts").path("uncollected").asInt()).isZero();
  }

  @Test
  void badPayoutsAreRefusedBeforeAnythingChanges() {
    String batchId = approvedList("2033-05", newPerson(), "CP5");
    String key = UUID.randomUUID().toString();
    Instant future = Instant.now().plus(1, ChronoUnit.HOURS);
    assertThat(payout("vnpost-demo", key, payoutBody(batchId, "CP5-C", "PAID_IN_CASH", future)).statusCode())
        .isEqualTo(400);
    assertThat(payout("vnpost-demo", key, payoutBody(batchId, "CP5-C", "PAID_IN_CASH", Instant.now())
        .replaceFirst("\"paidAt\":\"[^\"]+\"", "\"paidAt\":\"+999999-01-01T00:00:00Z\"")).statusCode()).isEqualTo(400);
    assertThat(payout("vnpost-demo", key, payoutBody(batchId, "CP5-C", "PAID_IN_CASH", Instant.now().minus(400,
        ChronoUnit.DAYS))).statusCode()).isEqualTo(400);   // before the batch was approved
    assertThat(payout("vnpost-demo", key, payoutBody(batchId, "CP5-C", "PAID_IN_CASH", Instant.now())
        .replace("Bưu điện", "Bưu\\u0000điện")).statusCode()).isEqualTo(400);
    assertThat(payout("vnpost-demo", key, payoutBody(batchId, "CP5-C", "SOMETHING", Instant.now())).statusCode())
        .isEqualTo(400);
    assertThat(payout("vnpost-demo", key, "{\"batchId\":null}").statusCode()).isEqualTo(400);
    assertThat(payout("vnpost-demo", null, payoutBody(batchId, "CP5-C", "PAID_IN_CASH", Instant.now())).statusCode())
        .isEqualTo(400);
    assertThat(get("/api/v1/cash-payouts?period=+99999-01&communeCode=16681", token("vnpost-demo")).statusCode())
        .isEqualTo(400);
    assertThat(get("/api/v1/cash-payouts?period=2033-05&communeCode=1668", token("vnpost-demo")).statusCode())
        .isEqualTo(400);
    assertThat(payment(batchId, "CP5-C").path("status").asText()).isEqualTo("CASH");
    // the key was never used: it records now
    assertThat(payout("vnpost-demo", key, payoutBody(batchId, "CP5-C", "PAID_IN_CASH", Instant.now())).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aPaymentPointOfAnotherProvinceSeesNothingAndAgenciesMayNotRecord() {
    String batchId = approvedList("2033-06", newPerson(), "CP6");
    HttpResponse<String> list = get("/api/v1/cash-payouts?period=2033-06&communeCode=16681", token("vnpost-hanoi-test"));
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(Json.read(list.body()).path("payments")).isEmpty();
    assertThat(payout("vnpost-hanoi-test", UUID.randomUUID().toString(),
        payoutBody(batchId, "CP6-C", "PAID_IN_CASH", Instant.now())).statusCode()).isEqualTo(404);
    // the paying agency holds no cash.record scope
    assertThat(payout("dolisa-demo", UUID.randomUUID().toString(),
        payoutBody(batchId, "CP6-C", "PAID_IN_CASH", Instant.now())).statusCode()).isEqualTo(403);
    assertThat(get("/api/v1/cash-payouts?period=2033-06&communeCode=16681", token("dolisa-demo")).statusCode())
        .isEqualTo(403);
    assertThat(payment(batchId, "CP6-C").path("status").asText()).isEqualTo("CASH");
  }
}
