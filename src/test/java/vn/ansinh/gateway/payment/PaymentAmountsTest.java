package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Amounts that cannot be right are stopped, and every total is exact, over HTTP (SPEC §4.4, §4.6, §4.9). */
class PaymentAmountsTest extends PaymentCycleTest {

  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

  @Autowired
  JdbcTemplate jdbc;

  private static String row(String paymentId, String person, String name, String amount, String bin, String account) {
    return paymentId + ",B-" + paymentId + "," + person + "," + name + "," + amount + "," + bin + "," + account
        + ",40,16681,\n";
  }

  private static BigInteger sum(String... amounts) {
    return List.of(amounts).stream().map(BigInteger::new).reduce(BigInteger.ZERO, BigInteger::add);
  }

  private JsonNode errors(String batchId) {
    return Json.read(get("/api/v1/payment-batches/" + batchId + "/errors", token("dolisa-demo")).body());
  }

  private JsonNode reconciliation(String batchId) {
    HttpResponse<String> r = get("/api/v1/reports/reconciliation?batchId=" + batchId, token("dolisa-demo"));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.read(r.body());
  }

  @Test
  void aRowAboveItsProgramsCeilingIsInvalidWithAReasonThatNamesTheCeilingNotThePerson() {
    String huge = newPerson();
    String csv = row("CEIL-1", newPerson(), "Nguyễn Văn An", "1500000", "970405", "1500205000001")
        + row("CEIL-2", huge, "Trần Thị Hoà", "999999999999999", "970405", "1500205000002")
        + row("CEIL-3", newPerson(), "Phạm Thị Lan", "1500001", "970405", "1500205000003");
    String declared = sum("1500000", "999999999999999", "1500001").toString();

    String batchId = batchIdOf(submit("dolisa-demo", "SOCIAL_ALLOWANCE", "2027-01", csv, 3, declared));
    JsonNode b = awaitStatus(batchId, "AWAITING_APPROVAL");

    assertThat(b.path("counts").path("invalid").asInt()).isEqualTo(2);
    assertThat(b.path("sums").path("toBanks").bigIntegerValue()).isEqualTo(BigInteger.valueOf(1_500_000));
    assertThat(b.path("sums").path("received").bigIntegerValue()).isEqualTo(new BigInteger(declared));
    JsonNode errors = errors(batchId);
    List<String> rowErrors = new ArrayList<>();
    errors.path("errors").forEach(e -> rowErrors.add(e.path("row").asInt() + ":" + e.path("field").asText()));
    assertThat(rowErrors).containsExactly("2:amountVnd", "3:amountVnd");
    assertThat(errors.path("errors").get(0).path("reason").asText()).contains("ceiling").contains("1500000");
    assertThat(errors.toString()).doesNotContain(huge, "Trần Thị Hoà", "1500205000002");

    // the same amount is within another program's ceiling
    String pension = batchIdOf(submit("dolisa-demo", "PENSION", "2027-01",
        row("CEIL-4", newPerson(), "Hoàng Văn Nam", "1500001", "970405", "1500205000004"), 1, "1500001"));
    assertThat(awaitStatus(pension, "AWAITING_APPROVAL").path("counts").path("invalid").asInt()).isZero();
  }

  @Test
  void aTwentyDigitControlSumRejectsTheBatchAndStillListsItsRowErrors() {
    String csv = row("CS20-1", newPerson(), "Nguyễn Văn An", "500000", "970405", "1500205000001")
        + row("CS20-2", newPerson(), "Trần Thị Hoà", "12.5", "970405", "1500205000002")
        + row("CS20-3", newPerson(), "Phạm Thị Lan", "500000", "", "");

    HttpResponse<String> accepted = submit("dolisa-demo", "SOCIAL_ALLOWANCE", "2027-02", csv, 3,
        "99999999999999999999");

    String batchId = batchIdOf(accepted);
    JsonNode b = batch("dolisa-demo", batchId);
    assertThat(b.path("status").asText()).isEqualTo("REJECTED");
    assertThat(b.path("statusReason").asText()).contains("control totals", "99999999999999999999", "1000000");
    assertThat(b.path("declared").path("sumVnd").bigIntegerValue()).isEqualTo(new BigInteger("99999999999999999999"));
    JsonNode errors = errors(batchId);
    assertThat(errors.path("invalidRows").asInt()).isEqualTo(1);
    assertThat(errors.path("errors").get(0).path("row").asInt()).isEqualTo(2);
    assertThat(errors.path("errors").get(0).path("field").asText()).isEqualTo("amountVnd");
    // nothing else of a rejected list stays to be paid
    assertThat(Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token("dolisa-demo")).body())
        .path("payments")).hasSize(1);
    assertThat(reconciliation(batchId).path("balanced").asBoolean()).isFalse();
    registry.verify(0, postRequestedFor(urlEqualTo("/treasury/payment-orders")).withRequestBody(containing(batchId)));
  }

  @Test
  void aNegativeAmountCountsInTheReceivedSumAsThePayerCountedIt() {
    String csv = row("NEG-1", newPerson(), "Nguyễn Văn An", "500000", "970405", "1500205000001")
        + row("NEG-2", newPerson(), "Trần Thị Hoà", "-200000", "970405", "1500205000002");

    String batchId = batchIdOf(submit("dolisa-demo", "SOCIAL_ALLOWANCE", "2027-03", csv, 2, "300000"));
    JsonNode b = awaitStatus(batchId, "AWAITING_APPROVAL");

    assertThat(b.path("sums").path("received").asLong()).isEqualTo(300_000);
    assertThat(b.path("counts").path("invalid").asInt()).isEqualTo(1);
    JsonNode r = reconciliation(batchId);
    assertThat(r.path("invalid").toString()).isEqualTo("{\"count\":1,\"sumVnd\":-200000}");
    assertThat(r.path("balanced").asBoolean()).as(r.toString()).isTrue();
    // the same in JSON, where amounts are numbers: a negative one and one beyond 64 bits count too
    String payable = newPerson();
    PopulationRegistryStubs.asListed(registry, payable, "Nguyễn Văn An");
    String json = "{\"payments\":[{\"paymentId\":\"NEGJ-1\",\"beneficiaryId\":\"B1\",\"personalId\":\"" + payable
        + "\",\"fullName\":\"Nguyễn Văn An\",\"amountVnd\":500000,\"bankBin\":\"970405\",\"accountNumber\":\"1500205000001\"},"
        + "{\"paymentId\":\"NEGJ-2\",\"beneficiaryId\":\"B2\",\"personalId\":\"" + newPerson()
        + "\",\"fullName\":\"Trần Thị Hoà\",\"amountVnd\":-200000},"
        + "{\"paymentId\":\"NEGJ-3\",\"beneficiaryId\":\"B3\",\"personalId\":\"" + newPerson()
        + "\",\"fullName\":\"Phạm Thị Lan\",\"amountVnd\":123456789012345678901234567890}]}";
    String total = sum("500000", "-200000", "123456789012345678901234567890").toString();
    HttpResponse<String> inJson = postBody("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2027-03",
        token("dolisa-demo"), "application/json", json, "X-Control-Count", "3", "X-Control-Sum", total);
    JsonNode j = awaitStatus(batchIdOf(inJson), "AWAITING_APPROVAL");
    assertThat(j.path("sums").path("received").bigIntegerValue()).isEqualTo(new BigInteger(total));
    assertThat(j.path("counts").path("invalid").asInt()).isEqualTo(2);
    // counted without the negative amount, the list would not match
    String other = batchIdOf(submit("dolisa-demo", "SOCIAL_ALLOWANCE", "2027-03",
        csv.replace("NEG-", "NEG2-"), 2, "500000"));
    assertThat(batch("dolisa-demo", other).path("status").asText()).isEqualTo("REJECTED");
  }

  @Test
  void hugeInvalidAmountsBeyondSixtyFourBitsLeaveExactTotalsAndABalancedReconciliation() {
    StringBuilder csv = new StringBuilder();
    List<String> amounts = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String amount = Long.toString(Long.MAX_VALUE - i);   // each one fits 64 bits; their sum does not
      csv.append(row("BIG-" + i, newPerson(), "Nguyễn Văn An", amount, "970405", "1500205000001"));
      amounts.add(amount);
    }
    String tooLong = "123456789012345678901234567890";   // not even one fits 64 bits
    csv.append(row("BIG-11", newPerson(), "Trần Thị Hoà", tooLong, "970405", "1500205000002"));
    csv.append(row("BIG-12", newPerson(), "Phạm Thị Lan", "500000", "970405", "1500205000003"));
    csv.append(row("BIG-13", newPerson(), "Lê Thị Mai", "400000", "", ""));
    amounts.addAll(List.of(tooLong, "500000", "400000"));
    BigInteger declared = sum(amounts.toArray(String[]::new));
    assertThat(declared).isGreaterThan(LONG_MAX);

    String batchId = batchIdOf(submit("dolisa-demo", "SOCIAL_ALLOWANCE", "2027-04", csv.toString(), 13,
        declared.toString()));
    JsonNode b = awaitStatus(batchId, "AWAITING_APPROVAL");

    assertThat(b.path("sums").path("received").bigIntegerValue()).isEqualTo(declared);
    assertThat(b.path("declared").path("sumVnd").bigIntegerValue()).isEqualTo(declared);
    assertThat(b.path("counts").path("invalid").asInt()).isEqualTo(11);
    JsonNode r = reconciliation(batchId);
    assertThat(r.path("balanced").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.path("received").path("sumVnd").bigIntegerValue()).isEqualTo(declared);
    assertThat(r.path("invalid").path("sumVnd").bigIntegerValue())
        .isEqualTo(declared.subtract(BigInteger.valueOf(900_000)));
    assertThat(r.path("valid").toString()).isEqualTo("{\"count\":2,\"sumVnd\":900000}");

    // the treasury's order and the batch go on as usual
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    JsonNode done = reconciliation(batchId);
    assertThat(done.path("balanced").asBoolean()).as(done.toString()).isTrue();
    assertThat(done.path("dispatched").toString()).isEqualTo("{\"count\":1,\"sumVnd\":500000}");
  }

  @Test
  void onlyPaymentsInDeliveredFilesCountAsDispatched() {
    String csv = row("DLV-1", newPerson(), "Nguyễn Văn An", "500000", "970405", "1500205000001")
        + row("DLV-2", newPerson(), "Trần Thị Hoà", "700000", "970415", "1020300000002")
        + row("DLV-3", newPerson(), "Phạm Thị Lan", "300000", "", "");
    String batchId = batchIdOf(submit("dolisa-demo", "SOCIAL_ALLOWANCE", "2027-05", csv, 3, "1500000"));
    awaitStatus(batchId, "AWAITING_APPROVAL");

    // awaiting approval, nothing has reached a bank
    JsonNode before = reconciliation(batchId);
    assertThat(before.path("dispatched").path("count").asInt()).isZero();
    assertThat(before.path("pending").toString()).isEqualTo("{\"count\":2,\"sumVnd\":1200000}");
    assertThat(before.path("cash").toString()).isEqualTo("{\"count\":1,\"sumVnd\":300000}");
    assertThat(before.path("unverified").path("count").asInt()).isZero();
    assertThat(before.path("identityMismatch").path("count").asInt()).isZero();
    assertThat(before.path("balanced").asBoolean()).as(before.toString()).isTrue();

    // VietinBank does not take its file: only Agribank's payment is dispatched
    registry.stubFor(post(urlEqualTo("/banks/970415/payments/pain001")).atPriority(1)
        .willReturn(aResponse().withStatus(503)));
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> reconciliation(batchId).path("dispatched").path("count")
        .asInt() == 1);
    JsonNode partly = reconciliation(batchId);
    assertThat(partly.path("dispatched").toString()).isEqualTo("{\"count\":1,\"sumVnd\":500000}");
    assertThat(partly.path("awaitingResult").toString()).isEqualTo("{\"count\":1,\"sumVnd\":500000}");
    assertThat(partly.path("pending").toString()).isEqualTo("{\"count\":1,\"sumVnd\":700000}");
    assertThat(partly.path("balanced").asBoolean()).as(partly.toString()).isTrue();

    // a batch that claims to be dispatched while a file never reached its bank does not balance
    jdbc.update("update payment_batch set status = 'DISPATCHED' where batch_id = ?", batchId);
    assertThat(reconciliation(batchId).path("balanced").asBoolean()).isFalse();
  }

  @Test
  void absurdPeriodsAndTotalsAreBadRequestsNeverServerErrors() {
    String csv = row("ABS-1", newPerson(), "Nguyễn Văn An", "500000", "970405", "1500205000001");
    for (String period : List.of("%2B10000-01", "10000-01", "0000-01", "1999-12", "2100-01", "2027-13", "2027-1")) {
      HttpResponse<String> r = postBody("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=" + period,
          token("dolisa-demo"), "text/csv", HEADER + csv, "X-Control-Count", "1", "X-Control-Sum", "500000");
      assertThat(r.statusCode()).as(period + ": " + r.body()).isEqualTo(400);
      assertThat(r.body()).contains("\"field\":\"period\"");
      HttpResponse<String> coverage = get("/api/v1/reports/non-cash-coverage?period=" + period + "&provinceCode=40",
          token("dolisa-demo"));
      assertThat(coverage.statusCode()).as(period).isEqualTo(400);
    }
    HttpResponse<String> count = submit("dolisa-demo", "SOCIAL_ALLOWANCE", "2027-06", csv, 1, "500000");
    assertThat(count.statusCode()).isEqualTo(202);
    for (String[] headers : List.of(new String[] {"99999999999999999999", "500000"},
        new String[] {"1", "1".repeat(101)}, new String[] {"1", "-500000"}, new String[] {"1", "5e5"})) {
      HttpResponse<String> r = postBody("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2027-06",
          token("dolisa-demo"), "text/csv", HEADER + csv, "X-Control-Count", headers[0], "X-Control-Sum", headers[1]);
      assertThat(r.statusCode()).as(String.join("/", headers) + ": " + r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    }
    String endless = row("ABS-2", newPerson(), "Trần Thị Hoà", "9".repeat(5000), "970405", "1500205000002");
    HttpResponse<String> r = submit("dolisa-demo", "SOCIAL_ALLOWANCE", "2027-06", endless, 1, "9".repeat(100));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.body()).contains("\"row\":1", "amount_vnd");   // a cell longer than any CSV cell may be
  }
}
