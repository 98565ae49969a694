package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.simulator.BankReportMessages;
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Banks report on what they were sent (pain.002, camt.054): statuses move on, the batch settles, the books balance. */
class PaymentReportTest extends PaymentCycleTest {

  private static int batches;

  @Autowired
  JdbcTemplate jdbc;
  private String batchId;
  private String file;   // the one Agribank file of the batch
  private final Map<String, String> people = new HashMap<>();

  /** A dispatched batch: R-1…R-4 to Agribank in one file, R-5 to VietinBank. */
  @BeforeEach
  void dispatchedBatch() {
    registry.stubFor(post(urlMatching("/(dolisa|vss)/notifications")).willReturn(aResponse().withStatus(200)));
    String m = "R" + (++batches) + "-";
    StringBuilder csv = new StringBuilder();
    for (int i = 1; i <= 5; i++) {
      String person = newPerson();
      people.put(m + i, person);
      csv.append(m).append(i).append(",B").append(i).append(',').append(person).append(",Nguyễn Văn An,")
          .append(100_000 * i).append(',').append(i == 5 ? "970415" : "970405").append(",150020500000").append(i)
          .append(",40,16681,\n");
    }
    batchId = batchIdOf(submit("dolisa-demo", "2027-0" + batches, csv.toString(), 5, 1_500_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    file = Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=DISPATCHED", token("dolisa-demo"))
        .body()).path("payments").get(0).path("fileId").asText();
  }

  private String id(int i) {
    return "R" + batches + "-" + i;
  }

  /** Each tx "endToEndId:TxSts" or "endToEndId:TxSts:reason". */
  static String pain002(String msgId, String fileId, String... txs) {
    return BankReportMessages.pain002(msgId, fileId, Stream.of(txs).map(t -> t.split(":"))
        .map(p -> new BankReportMessages.Status(p[0], p[1], p.length > 2 ? p[2] : null)).toList());
  }

  /** Each tx "endToEndId:amount" (booked) or "endToEndId:amount:reason" (returned). */
  static String camt054(String msgId, String fileId, String... txs) {
    return BankReportMessages.camt054(msgId, fileId, "3711.0.1055001", Stream.of(txs).map(t -> t.split(":"))
        .map(p -> new BankReportMessages.Booking(p[0], Long.parseLong(p[1]), p.length > 2 ? p[2] : null)).toList());
  }

  /** Test messages are valid against the official schemas, where the reference data is at hand. */
  static void assertSchemaValid(String xml, String schema) throws Exception {
    Path xsd = Stream.of(Path.of("..", "shared", "iso20022", schema), Path.of("/work", "shared", "iso20022", schema))
        .filter(Files::exists).findFirst().orElse(null);
    if (xsd != null) {
      SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
      f.newSchema(xsd.toFile()).newValidator()
          .validate(new StreamSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
    }
  }

  private HttpResponse<String> agribank(String xml) {
    return report("bank-970405-demo", "970405", xml);
  }

  private Map<String, String> statuses() {
    Map<String, String> s = new HashMap<>();
    Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token("dolisa-demo")).body()).path("payments")
        .forEach(p -> s.put(p.path("paymentId").asText(), p.path("status").asText()
            + (p.path("statusReason").isMissingNode() ? "" : " " + p.path("statusReason").asText())));
    return s;
  }

  private JsonNode reconciliation() {
    return Json.read(get("/api/v1/reports/reconciliation?batchId=" + batchId, token("dolisa-demo")).body());
  }

  @Test
  void mixedReportsSettleTheBatchAndTheBooksBalance() throws Exception {
    String statusReport = pain002("AGR-PSR-" + batches, file, id(1) + ":ACSC", id(2) + ":RJCT:AC04", id(3) + ":RJCT:MD07",
        id(4) + ":ACCP");
    assertSchemaValid(statusReport, "pain.002.001.10.xsd");
    HttpResponse<String> first = agribank(statusReport);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(first.body()).contains("\"PAID\":1", "\"REJECTED\":2", "\"ACCEPTED\":1");
    assertThat(statuses()).containsEntry(id(1), "PAID").containsEntry(id(2), "REJECTED bank reason AC04")
        .containsEntry(id(4), "ACCEPTED").containsEntry(id(5), "DISPATCHED");
    assertThat(batch("dolisa-demo", batchId).path("status").asText()).isEqualTo("PARTIALLY_SETTLED");

    String booked = camt054("AGR-NTF-" + batches, file, id(4) + ":400000", id(1) + ":100000:AC06");
    assertSchemaValid(booked, "camt.054.001.08.xsd");
    assertThat(agribank(booked).statusCode()).isEqualTo(200);
    String vietin = pain002("VTB-PSR-" + batches, fileOf(5), id(5) + ":ACSC");
    assertThat(report("bank-970415-demo", "970415", vietin).statusCode()).isEqualTo(200);

    assertThat(statuses()).containsEntry(id(1), "RETURNED bank reason AC06").containsEntry(id(4), "PAID")
        .containsEntry(id(5), "PAID");
    assertThat(batch("dolisa-demo", batchId).path("status").asText()).isEqualTo("SETTLED");
    JsonNode r = reconciliation();
    assertThat(r.path("balanced").asBoolean()).as(r.toString()).isTrue();
    assertThat(r.path("dispatched").path("sumVnd").asLong()).isEqualTo(1_500_000);
    assertThat(r.path("paid").toString()).isEqualTo("{\"count\":2,\"sumVnd\":900000}");
    assertThat(r.path("rejected").toString()).isEqualTo("{\"count\":2,\"sumVnd\":500000}");
    assertThat(r.path("returned").toString()).isEqualTo("{\"count\":1,\"sumVnd\":100000}");
    assertThat(r.path("pending").path("count").asInt()).isZero();

    // the labour department hears of every change, report by report, in its JSON
    await().atMost(Duration.ofSeconds(10)).until(() -> registry.findAll(postRequestedFor(urlEqualTo("/dolisa/notifications"))
        .withRequestBody(containing(batchId))).size() >= 3);
    List<JsonNode> told = registry.findAll(postRequestedFor(urlEqualTo("/dolisa/notifications"))
        .withRequestBody(containing(batchId))).stream().map(req -> Json.read(req.getBodyAsString())).toList();
    assertThat(told).allSatisfy(n -> assertThat(n.path("kind").asText()).isEqualTo("PAYMENT_RESULTS"));
    assertThat(told.get(0).path("results").toString()).contains("\"paymentId\":\"" + id(2) + "\"", "\"status\":\"REJECTED\"",
        "\"reason\":\"AC04\"").doesNotContain(people.get(id(2)));

    // MD07: the person is on the deceased register; a later list stops their payment
    String next = batchIdOf(submit("dolisa-demo", "2028-01", "LATER-1,B3," + people.get(id(3))
        + ",Nguyễn Văn An,300000,970405,1500205000003,40,16681,\n", 1, 300_000));
    assertThat(awaitStatus(next, "REJECTED").path("counts").path("deceased").asInt()).isEqualTo(1);
  }

  private String fileOf(int i) {
    return Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=DISPATCHED", token("dolisa-demo"))
        .body()).path("payments").findValues("fileId").stream().map(JsonNode::asText)
        .filter(f -> f.contains(i == 5 ? "-970415-" : "-970405-")).findFirst().orElseThrow();
  }

  @Test
  void nonCashCoverageCountsPeoplePerCommuneOfTheListValidInThePeriod() throws Exception {
    String csv = "COV-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n"
        + "COV-2,B2," + newPerson() + ",Trần Thị Hoà,500000,970405,1500205000002,40,16681,\n"
        + "COV-3,B3," + newPerson() + ",Phạm Thị Lan,500000,,,40,16681,\n"
        + "COV-4,B4," + newPerson() + ",Lê Thị Mai,500000,970405,1500205000004,40,16681,\n"
        + "COV-5,B5," + newPerson() + ",Hoàng Văn Nam,500000,970405,1500205000005,40,16690,\n";
    String coverageBatch = batchIdOf(submit("dolisa-demo", "2029-03", csv, 5, 2_500_000));
    awaitStatus(coverageBatch, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", coverageBatch).statusCode()).isEqualTo(200);
    awaitStatus(coverageBatch, "DISPATCHED");
    String coverageFile = Json.read(get("/api/v1/payment-batches/" + coverageBatch + "/payments?status=DISPATCHED",
        token("dolisa-demo")).body()).path("payments").get(0).path("fileId").asText();
    assertThat(agribank(pain002("AGR-COV-" + batches, coverageFile, "COV-1:ACSC", "COV-2:ACSC", "COV-4:ACSC",
        "COV-5:RJCT:AC01")).statusCode()).isEqualTo(200);

    JsonNode coverage = Json.read(get("/api/v1/reports/non-cash-coverage?period=2029-03&provinceCode=40",
        token("dolisa-demo")).body());

    // the cash payment is a promise until the payment point records it: among the people, not paid in cash
    assertThat(coverage.path("communes").toString()).isEqualTo("["
        + "{\"communeCode\":\"16681\",\"communeName\":\"Phường Thành Vinh\",\"split\":false,\"beneficiaries\":4,"
        + "\"paidThroughAccounts\":3,\"paidInCash\":0,\"percent\":75.0},"
        + "{\"communeCode\":\"16690\",\"communeName\":\"Phường Trường Vinh\",\"split\":false,\"beneficiaries\":1,"
        + "\"paidThroughAccounts\":0,\"paidInCash\":0,\"percent\":0.0}]");
    assertThat(coverage.path("beneficiaries").asInt()).isEqualTo(5);
    assertThat(coverage.path("percent").decimalValue()).isEqualByComparingTo("60.00");
    assertThat(get("/api/v1/reports/non-cash-coverage?period=2029-3&provinceCode=40", token("dolisa-demo"))
        .statusCode()).isEqualTo(400);
    assertThat(get("/api/v1/reports/non-cash-coverage?period=2029-03&provinceCode=40", token("treasury-demo"))
        .statusCode()).as("no report.read scope").isEqualTo(403);
  }

  @Test
  void socialInsuranceHearsOfResultsInItsOwnShapeNamingPeopleByTheirSocialInsuranceNumber() throws Exception {
    String registered = newPerson();
    String unregistered = newPerson();
    PopulationRegistryStubs.citizen(registry, registered, "Hoàng Văn Nam", "19900101", false);
    registry.stubFor(post(urlMatching("/banks/.*/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
    assertThat(postJson("/api/v1/beneficiaries", token("vss-demo"), """
        {"beneficiaryId":"BH-%s","program":"SOCIAL_ALLOWANCE","personalId":"%s","fullName":"Hoàng Văn Nam",
         "dateOfBirth":"1990-01-01","gender":"MALE","preferredBankBin":"970405","socialInsuranceNumber":"4001234567"}"""
        .formatted(registered, registered)).statusCode()).isEqualTo(202);
    String vssBatch = batchIdOf(submit("vss-demo", "SOCIAL_INSURANCE_BENEFIT", "2028-02", "VSS-1,BH-" + registered + "," + registered
        + ",Hoàng Văn Nam,2789000,970405,1500205000009,40,16681,\n"
        + "VSS-2,BH-" + unregistered + "," + unregistered + ",Hoàng Văn Nam,2789000,970405,1500205000010,40,16681,\n"
        + "VSS-3,BH-" + registered + "," + registered + ",Hoàng Văn Nam,2789000,970405,1500205000009,40,16681,\n",
        3, "8367000"));
    awaitStatus(vssBatch, "AWAITING_APPROVAL", "vss-demo");
    assertThat(approve("treasury-demo", vssBatch).statusCode()).isEqualTo(200);
    awaitStatus(vssBatch, "DISPATCHED", "vss-demo");
    String vssFile = Json.read(get("/api/v1/payment-batches/" + vssBatch + "/payments", token("vss-demo")).body())
        .path("payments").get(0).path("fileId").asText();

    assertThat(agribank(pain002("AGR-VSS-" + batches, vssFile, "VSS-1:ACSC", "VSS-2:ACSC")).statusCode())
        .isEqualTo(200);

    await().atMost(Duration.ofSeconds(10)).until(() -> registry.findAll(postRequestedFor(urlEqualTo("/vss/notifications"))
        .withRequestBody(containing(vssBatch))).size() >= 2);
    List<JsonNode> told = registry.findAll(postRequestedFor(urlEqualTo("/vss/notifications"))
        .withRequestBody(containing(vssBatch))).stream().map(r -> Json.read(r.getBodyAsString())).toList();
    JsonNode stopped = told.stream().filter(m -> m.at("/ketQua/0/maThanhToan").asText().equals("VSS-3")).findFirst()
        .orElseThrow();
    assertThat(stopped.at("/ketQua/0/trangThai").asText()).isEqualTo("DUPLICATE");
    assertThat(stopped.at("/ketQua/0/maSoBHXH").asText()).as("a stop at validation too").isEqualTo("4001234567");
    JsonNode n = told.stream().filter(m -> m.at("/ketQua/0/maThanhToan").asText().equals("VSS-1")).findFirst()
        .orElseThrow();
    assertThat(n.path("maDotChiTra").asText()).isEqualTo(vssBatch);
    assertThat(n.path("kyChiTra").asText()).isEqualTo("02/2028");
    assertThat(n.path("trangThaiDot").asText()).isEqualTo("SETTLED");
    // the registered number, else the personal id (VSS's number for people without one) — never the beneficiary id
    assertThat(n.path("ketQua").get(0).toString())
        .isEqualTo("{\"maThanhToan\":\"VSS-1\",\"maSoBHXH\":\"4001234567\",\"trangThai\":\"PAID\",\"soTien\":2789000,"
            + "\"hinhThucChi\":\"CHUYEN_KHOAN\"}");
    assertThat(n.path("ketQua").get(1).path("maSoBHXH").asText()).isEqualTo(unregistered);
  }

  @Test
  void eightIdenticalReportsAtOnceGetTheStoredAnswerAndApplyOnce() throws Exception {
    String xml = pain002("AGR-RACE-" + batches, file, id(1) + ":ACSC", id(2) + ":RJCT:AC01");
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<HttpResponse<String>>> sent = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        sent.add(pool.submit(() -> {
          start.await();
          return agribank(xml);
        }));
      }
      start.countDown();
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        answers.add(f.get(30, TimeUnit.SECONDS));
      }

      // every one gets the stored answer of the one that applied it (a 409 would be allowed, a 500 never)
      assertThat(answers).extracting(HttpResponse::statusCode).containsOnly(200);
      assertThat(answers).extracting(HttpResponse::body).containsOnly(answers.get(0).body());
      assertThat(answers.get(0).body()).contains("\"PAID\":1", "\"REJECTED\":1");
    } finally {
      pool.shutdownNow();
    }
    assertThat(jdbc.queryForObject("select count(*) from payment_result where msg_id = ?", Long.class,
        "AGR-RACE-" + batches)).isEqualTo(1);
    assertThat(statuses()).containsEntry(id(1), "PAID").containsEntry(id(2), "REJECTED bank reason AC01");
  }

  @Test
  void absurdValuesInASignedReportAre400WithAReasonAndChangeNothing() throws Exception {
    String booked = camt054("ABS-1-" + batches, file, id(1) + ":100000");
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("1E+400", booked.replace(">100000<", ">1E+400<"));
    cases.put("31 digits", booked.replace(">100000<", ">" + "9".repeat(31) + "<"));
    cases.put("fraction", booked.replace(">100000<", ">100000.5<"));
    cases.put("negative", booked.replace(">100000<", ">-100000<"));
    cases.put("long message id", camt054("M".repeat(36), file, id(1) + ":100000"));
    cases.put("long file id", pain002("ABS-2-" + batches, "F".repeat(300), id(1) + ":ACSC"));
    cases.put("long reason", pain002("ABS-3-" + batches, file, id(1) + ":RJCT:" + "R".repeat(300)));
    cases.put("NUL", pain002("ABS-4-" + batches, file, id(1) + ":ACSC").replace("ABS-4-", "ABS-\u0000"));
    cases.put("NUL reference", pain002("ABS-5-" + batches, file, id(1) + ":ACSC").replace("ABS-5-", "ABS-&#0;"));

    cases.forEach((what, xml) -> {
      HttpResponse<String> response = agribank(xml);
      assertThat(response.statusCode()).as(what + ": " + response.body()).isBetween(400, 422);
      assertThat(Json.read(response.body()).path("errors").get(0).path("reason").asText()).as(what).isNotBlank();
    });
    assertThat(statuses().values()).allMatch(s -> s.equals("DISPATCHED"));
  }

  @Test
  void theSameReportAgainHasNoSecondEffectAndReportsMayComeOutOfOrder() throws Exception {
    String booked = camt054("AGR-OOO-" + batches, file, id(1) + ":100000");
    HttpResponse<String> first = agribank(booked);
    HttpResponse<String> again = agribank(booked);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(again.body()).isEqualTo(first.body());
    String late = pain002("AGR-LATE-" + batches, file, id(1) + ":ACCP");
    assertThat(agribank(late).body()).contains("\"unchanged\":1");
    assertThat(statuses()).containsEntry(id(1), "PAID");
    assertThat(agribank(pain002("AGR-OOO-" + batches, file, id(2) + ":ACSC")).statusCode())
        .as("the same message id with another body").isEqualTo(409);
    assertThat(statuses()).containsEntry(id(2), "DISPATCHED");
  }

  @Test
  void badReportsGetA4xxWithAReasonAndChangeNothing() throws Exception {
    String unknownE2e = pain002("BAD-1-" + batches, file, id(1) + ":ACSC", "NEVER-SENT:ACSC");
    assertSchemaValid(unknownE2e, "pain.002.001.10.xsd");
    String unknownFile = pain002("BAD-2-" + batches, "ASG999999-970405-0001", id(1) + ":ACSC");
    String wrongAmount = camt054("BAD-3-" + batches, file, id(1) + ":100001");
    String xxe = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\">&x;</Document>";
    String otherType = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\"><CstmrCdtTrfInitn/></Document>";
    String missingStatus = pain002("BAD-4-" + batches, file, id(1) + ":ACSC").replace("<TxSts>ACSC</TxSts>", "");

    assertThat(agribank(unknownE2e).statusCode()).isEqualTo(404);
    assertThat(agribank(unknownFile).statusCode()).isEqualTo(404);
    HttpResponse<String> amount = agribank(wrongAmount);
    assertThat(amount.statusCode()).isEqualTo(400);
    assertThat(amount.body()).contains("not the amount sent");
    String hugeAmount = camt054("BAD-8-" + batches, file, id(1) + ":100000")
        .replace(">100000<", ">123456789012345678901234567890<");
    HttpResponse<String> huge = agribank(hugeAmount);
    assertThat(huge.statusCode()).as(huge.body()).isEqualTo(400);
    assertThat(huge.body()).contains("TxDtls/Amt", "at most 18 digits");   // beyond 64 bits: no amount at all
    assertThat(agribank(xxe).statusCode()).isEqualTo(400);
    assertThat(agribank(otherType).body()).contains("pain.002.001.10 or camt.054.001.08");
    assertThat(agribank("<Document><unclosed>").statusCode()).isEqualTo(400);
    HttpResponse<String> missing = agribank(missingStatus);
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(missing.body()).contains("TxSts");
    String vietinOnAgribanksFile = pain002("BAD-5-" + batches, file, id(1) + ":ACSC");
    assertThat(report("bank-970415-demo", "970415", vietinOnAgribanksFile).statusCode()).isEqualTo(403);
    assertThat(report("bank-970405-demo", null, pain002("BAD-6-" + batches, file, id(1) + ":ACSC")).statusCode())
        .isEqualTo(401);
    assertThat(report("bank-970405-demo", "970415", pain002("BAD-7-" + batches, file, id(1) + ":ACSC")).statusCode())
        .as("signed with another bank's key").isEqualTo(401);

    assertThat(statuses().values()).allMatch(s -> s.equals("DISPATCHED"));
    assertThat(batch("dolisa-demo", batchId).path("status").asText()).isEqualTo("DISPATCHED");
    assertThat(get("/api/v1/reports/reconciliation?batchId=" + batchId, token("vss-demo")).statusCode()).isEqualTo(403);
    assertThat(reconciliation().path("balanced").asBoolean()).isTrue();
  }
}
