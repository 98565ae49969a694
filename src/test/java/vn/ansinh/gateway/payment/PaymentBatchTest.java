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
import com.prowidesoftware.swift.model.mx.MxPain00100109;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** The monthly payment cycle over HTTP: a list in, row errors and stops, the treasury's gate, bank files out. */
class PaymentBatchTest extends PaymentCycleTest {

  @Autowired
  JdbcTemplate jdbc;

  private void mappedAccount(String beneficiaryId, String personalId, String bin, String account) {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("insert into beneficiary (owner, beneficiary_id, program, personal_id, full_name, date_of_birth,"
        + " preferred_bank_bin, status, created_at, updated_at) values ('dolisa-demo', ?, 'SOCIAL_ALLOWANCE', ?,"
        + " 'Phạm Thị Lan', '1990-01-01', ?, 'ACCOUNT_OPEN', ?, ?)", beneficiaryId, personalId, bin, now, now);
    jdbc.update("insert into beneficiary_account (owner, beneficiary_id, program, personal_id, bank_bin, account_number,"
        + " account_name, opened_at, active) values ('dolisa-demo', ?, 'SOCIAL_ALLOWANCE', ?, ?, ?, 'PHAM THI LAN', ?,"
        + " true)", beneficiaryId, personalId, bin, account, now);
  }

  @Test
  void aMonthlyListBecomesSchemaValidBankFilesOnlyAfterTheTreasuryApproves() throws Exception {
    // the population database has told the gateway that Lê Văn Bình died
    PopulationRegistryStubs.citizen(registry, "001045000789", "Lê Văn Bình", "19450819", true);
    assertThat(postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
        "{\"personalId\":\"001045000789\",\"fullName\":\"Lê Văn Bình\",\"dateOfBirth\":\"1945-08-19\"}").body())
        .contains("\"deceased\":true");
    String an = newPerson();
    String hoa = newPerson();
    String lan = newPerson();
    String mapped = newPerson();
    String noAccount = newPerson();
    mappedAccount("E2E-MAPPED", mapped, "970415", "1020304050607");
    String csv = ""
        + "E2E-1,B1," + an + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,Trợ cấp xã hội 11/2026\n"
        + "E2E-2,B2," + hoa + ",Trần Thị Hoà,750000,970415,1020300000002,40,16681,\n"
        + "E2E-3,B3," + lan + ",\"Phạm Thị Lan, bà\",500000,970405,1500205000003,40,16690,\n"
        + "E2E-4,B4,040290000123,Ngày Sinh Sai,500000,970405,1500205000004,40,16681,\n"
        + "E2E-5,B5," + newPerson() + ",Số Tiền Lẻ,500000.5,970405,1500205000005,40,16681,\n"
        + "E2E-1,B6," + newPerson() + ",Trùng Mã,500000,970405,1500205000006,40,16681,\n"
        + "E2E-7,B7," + hoa + ",Trần Thị Hoà,750000,970415,1020300000007,40,16681,\n"
        + "E2E-8,B8,001045000789,Lê Văn Bình,500000,970405,1500205000008,01,00004,\n"
        + "E2E-9,E2E-MAPPED," + mapped + ",Phạm Thị Lan,600000,,,40,16681,\n"
        + "E2E-10,B10," + noAccount + ",Hoàng Văn Nam,500000,,,40,16690,\n"
        + "E2E-11,B11," + newPerson() + ",Ngân Hàng Lạ,500000,970436,1234567890,40,16681,\n";
    long declaredSum = 500_000 + 750_000 + 500_000 + 500_000 + 500_000 + 750_000 + 500_000 + 600_000 + 500_000 + 500_000;

    String batchId = batchIdOf(submit("dolisa-demo", "2026-01", csv, 11, declaredSum));
    JsonNode b = awaitStatus(batchId, "AWAITING_APPROVAL");

    assertThat(b.path("counts").toString()).isEqualTo(
        "{\"received\":11,\"valid\":8,\"invalid\":3,\"duplicate\":2,\"deceased\":1,\"unverified\":0,\"identityMismatch\":0,\"ineligible\":0,"
        + "\"cash\":1,\"toBanks\":4,\"cashPaid\":0,\"uncollected\":0}");
    assertThat(b.path("sums").path("toBanks").asLong()).isEqualTo(500_000 + 750_000 + 500_000 + 600_000);
    assertThat(b.path("sums").path("cash").asLong()).isEqualTo(500_000);
    JsonNode errors = Json.read(get("/api/v1/payment-batches/" + batchId + "/errors", token("dolisa-demo")).body());
    assertThat(errors.path("invalidRows").asInt()).isEqualTo(3);
    List<String> rowErrors = new ArrayList<>();
    errors.path("errors").forEach(e -> rowErrors.add(e.path("row").asInt() + ":" + e.path("field").asText()));
    assertThat(rowErrors).containsExactly("4:personalId", "5:amountVnd", "11:bankBin");
    assertThat(errors.toString()).doesNotContain("040290000123");
    assertThat(statuses(batchId, "DUPLICATE")).containsExactly("6:E2E-1", "7:E2E-7");
    assertThat(statuses(batchId, "DECEASED")).containsExactly("8:E2E-8");
    JsonNode cash = Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=CASH", token("dolisa-demo"))
        .body()).path("payments");
    assertThat(cash).hasSize(1);
    assertThat(cash.get(0).path("paymentId").asText()).isEqualTo("E2E-10");
    assertThat(cash.get(0).path("communeCode").asText()).isEqualTo("16690");

    // the treasury has the order; no bank has anything before its approval
    var orders = postRequestedFor(urlEqualTo("/treasury/payment-orders")).withRequestBody(containing(batchId));
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.findAll(orders).isEmpty());
    JsonNode order = Json.read(registry.findAll(orders).get(0).getBodyAsString());
    assertThat(order.path("batchId").asText()).isEqualTo(batchId);
    assertThat(order.path("count").asLong()).isEqualTo(5);
    assertThat(order.path("totalVnd").asLong()).isEqualTo(2_850_000);
    Thread.sleep(300);
    registry.verify(0, postRequestedFor(urlMatching(BankFiles.PATH)).withRequestBody(containing("E2E-")));

    HttpResponse<String> approved = approve("treasury-demo", batchId);
    assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
    JsonNode done = awaitStatus(batchId, "DISPATCHED");

    BankFiles files = BankFiles.receivedBy(registry, "E2E-");
    files.assertEachFileAddsUp();
    assertThat(files.endToEndIds()).containsExactlyInAnyOrder("E2E-1", "E2E-2", "E2E-3", "E2E-9");
    assertThat(files.sum()).isEqualTo(done.path("sums").path("toBanks").asLong());
    for (MxPain00100109 f : files.byMsgId().values()) {
      var instruction = f.getCstmrCdtTrfInitn().getPmtInf().get(0);
      assertThat(instruction.getDbtrAcct().getId().getOthr().getId()).isEqualTo("3711.0.1055001");
      String bin = instruction.getCdtTrfTxInf().get(0).getCdtrAgt().getFinInstnId().getClrSysMmbId().getMmbId();
      List<String> ids = BankFiles.transactions(f).stream().map(t -> t.getPmtId().getEndToEndId()).toList();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(bin.equals("970405") ? List.of("E2E-1", "E2E-3")
          : List.of("E2E-2", "E2E-9"));
      registry.verify(postRequestedFor(urlEqualTo("/banks/" + bin + "/payments/pain001")));
    }
    assertThat(statuses(batchId, "DISPATCHED")).containsExactly("1:E2E-1", "2:E2E-2", "3:E2E-3", "9:E2E-9");
    assertThat(done.path("progressPercent").asInt()).isEqualTo(100);
  }

  @Test
  void filesDeliveredAtTheSameMomentStillEndTheBatchDispatched() {
    // both banks answer after the same pause, so the two workers mark their files delivered together
    registry.stubFor(post(urlMatching(BankFiles.PATH)).withRequestBody(containing("SAME-MOMENT-"))
        .willReturn(aResponse().withStatus(202).withFixedDelay(300)));
    for (int round = 1; round <= 3; round++) {
      String csv = "SAME-MOMENT-" + round + "A,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n"
          + "SAME-MOMENT-" + round + "B,B2," + newPerson() + ",Trần Thị Hoà,500000,970415,1020300000002,40,16681,\n";
      String batchId = batchIdOf(submit("dolisa-demo", "2025-0" + round, csv, 2, 1_000_000));
      awaitStatus(batchId, "AWAITING_APPROVAL");
      assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
      // the last delivery to take the batch's lock sees the other one: never left DISPATCHING
      JsonNode done = awaitStatus(batchId, "DISPATCHED");
      assertThat(done.path("progressPercent").asInt()).isEqualTo(100);
      assertThat(statuses(batchId, "DISPATCHED")).containsExactly("1:SAME-MOMENT-" + round + "A",
          "2:SAME-MOMENT-" + round + "B");
    }
  }

  @Test
  void aFilePlannedWithoutItsRangeOfRowsByAnInstanceOfTheEarlierCodeIsStillWrittenWhole() throws Exception {
    String csv = "NO-RANGE-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n"
        + "NO-RANGE-2,B2," + newPerson() + ",Trần Thị Hoà,500000,970415,1020300000002,40,16681,\n"
        + "NO-RANGE-3,B3," + newPerson() + ",Phạm Thị Lan,500000,970405,1500205000003,40,16681,\n";
    String batchId = batchIdOf(submit("dolisa-demo", "2025-04", csv, 3, 1_500_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    // during a rolling deploy, an instance without V29's code plans files without a range: the column defaults
    assertThat(jdbc.update("update payment_file set first_row = default, last_row = default where batch_key ="
        + " (select batch_key from payment_batch where batch_id = ?)", batchId)).isEqualTo(2);

    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");

    BankFiles files = BankFiles.receivedBy(registry, "NO-RANGE-");
    files.assertEachFileAddsUp();
    assertThat(files.endToEndIds()).containsExactlyInAnyOrder("NO-RANGE-1", "NO-RANGE-2", "NO-RANGE-3");
  }

  private List<String> statuses(String batchId, String status) {
    List<String> found = new ArrayList<>();
    Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=" + status, token("dolisa-demo")).body())
        .path("payments").forEach(p -> found.add(p.path("row").asInt() + ":" + p.path("paymentId").asText()));
    return found;
  }

  @Test
  void aListWhoseControlTotalsDoNotMatchIsRejectedWithTheReason() {
    String csv = "CT-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n";
    String batchId = batchIdOf(submit("dolisa-demo", "2026-02", csv, 1, 400_000));

    JsonNode b = batch("dolisa-demo", batchId);
    assertThat(b.path("status").asText()).isEqualTo("REJECTED");
    assertThat(b.path("statusReason").asText()).contains("control totals").contains("400000").contains("500000");
    String again = batchIdOf(submit("dolisa-demo", "2026-02", csv, 2, 500_000));
    assertThat(batch("dolisa-demo", again).path("status").asText()).isEqualTo("REJECTED");
    registry.verify(0, postRequestedFor(urlEqualTo("/treasury/payment-orders")).withRequestBody(containing(batchId)));
  }

  @Test
  void paymentsSentAgainInALaterListAreStoppedAsDuplicates() {
    String person = newPerson();
    String first = "DUP-1,B1," + person + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n";
    awaitStatus(batchIdOf(submit("dolisa-demo", "2026-03", first, 1, 500_000)), "AWAITING_APPROVAL");

    String again = "DUP-1,B3," + newPerson() + ",Trần Thị Hoà,500000,970405,1500205000003,40,16681,\n"
        + "DUP-2,B2," + person + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n";
    String batchId = batchIdOf(submit("dolisa-demo", "2026-03", again, 2, 1_000_000));

    JsonNode b = awaitStatus(batchId, "REJECTED");
    assertThat(b.path("counts").path("duplicate").asInt()).isEqualTo(2);
    JsonNode duplicates = Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=DUPLICATE",
        token("dolisa-demo")).body()).path("payments");
    assertThat(duplicates.get(0).path("statusReason").asText()).contains("already used by this payer");
    assertThat(duplicates.get(1).path("statusReason").asText()).contains("already paid for this program and period");
  }

  @Test
  void thePayerCannotApproveAndNothingReachesABankWithoutApproval() throws Exception {
    String csv = "SELF-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n";
    String own = batchIdOf(submit("payer-approver-test", "2026-04", csv, 1, 500_000));
    await().atMost(Duration.ofSeconds(20)).until(() ->
        "AWAITING_APPROVAL".equals(batch("payer-approver-test", own).path("status").asText()));
    String dolisas = batchIdOf(submit("dolisa-demo", "2026-04",
        "SELF-2,B2," + newPerson() + ",Trần Thị Hoà,500000,970405,1500205000002,40,16681,\n", 1, 500_000));
    awaitStatus(dolisas, "AWAITING_APPROVAL");

    HttpResponse<String> self = approve("payer-approver-test", own);
    assertThat(self.statusCode()).isEqualTo(403);
    assertThat(self.body()).contains("cannot approve its own");
    assertThat(approve("dolisa-demo", dolisas).statusCode()).isEqualTo(403);   // no payment.approve scope

    Thread.sleep(300);
    assertThat(batch("payer-approver-test", own).path("status").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(batch("dolisa-demo", dolisas).path("status").asText()).isEqualTo("AWAITING_APPROVAL");
    registry.verify(0, postRequestedFor(urlMatching(BankFiles.PATH)).withRequestBody(containing("SELF-")));
    assertThat(approve("treasury-demo", dolisas).statusCode()).isEqualTo(200);
    assertThat(approve("treasury-demo", dolisas).statusCode()).as("approving twice").isEqualTo(409);
  }

  @Test
  void aBatchTheTreasuryDeclinesIsRejectedAndItsPaymentsMayBeSentAgain() {
    String csv = "DECL-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n";
    String declined = batchIdOf(submit("dolisa-demo", "2026-07", csv, 1, 500_000));
    awaitStatus(declined, "AWAITING_APPROVAL");

    HttpResponse<String> no = postBody("/api/v1/payment-batches/" + declined + "/approval", token("treasury-demo"),
        "application/json", "{\"approved\":false,\"reason\":\"budget not yet allocated\"}");

    assertThat(no.statusCode()).isEqualTo(200);
    assertThat(Json.read(no.body()).path("statusReason").asText()).contains("budget not yet allocated");
    assertThat(batch("dolisa-demo", declined).path("status").asText()).isEqualTo("REJECTED");
    String again = batchIdOf(submit("dolisa-demo", "2026-07", csv, 1, 500_000));
    assertThat(awaitStatus(again, "AWAITING_APPROVAL").path("counts").path("toBanks").asInt()).isEqualTo(1);
  }

  @Test
  void aBatchIsSeenOnlyByItsPayerAndTheTreasury() {
    String batchId = batchIdOf(submit("dolisa-demo", "2026-05",
        "SEE-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n", 1, 500_000));

    assertThat(get("/api/v1/payment-batches/" + batchId, token("vss-demo")).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/payment-batches/" + batchId + "/payments", token("vss-demo")).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/payment-batches/" + batchId, token("treasury-demo")).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/payment-batches/no-such-batch", token("dolisa-demo")).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/payment-batches/" + batchId, token("infosec-demo")).statusCode()).isEqualTo(403);
  }

  @Test
  void aListInJsonIsTakenTooAndBadRequestsGetProblems() {
    String person = newPerson();
    PopulationRegistryStubs.asListed(registry, person, "Nguyễn Văn An");
    String json = "{\"payments\":[{\"paymentId\":\"JS-1\",\"beneficiaryId\":\"B1\",\"personalId\":\"" + person
        + "\",\"fullName\":\"Nguyễn Văn An\",\"amountVnd\":500000,\"bankBin\":\"970405\",\"accountNumber\":\"1500205000001\"},"
        + "{\"paymentId\":\"JS-2\",\"beneficiaryId\":\"B2\",\"personalId\":\"" + newPerson()
        + "\",\"fullName\":\"Trần Thị Hoà\",\"amountVnd\":12.5}]}";
    HttpResponse<String> accepted = postBody("/api/v1/payment-batches?program=PENSION&period=2026-06", token("dolisa-demo"),
        "application/json", json, "X-Control-Count", "2", "X-Control-Sum", "500000");
    JsonNode b = awaitStatus(batchIdOf(accepted), "AWAITING_APPROVAL");
    assertThat(b.path("counts").path("invalid").asInt()).isEqualTo(1);

    HttpResponse<String> noTotals = postBody("/api/v1/payment-batches?program=PENSION&period=2026-06", token("dolisa-demo"),
        "application/json", json);
    assertThat(noTotals.statusCode()).isEqualTo(400);
    assertThat(noTotals.body()).contains("X-Control-Count");
    HttpResponse<String> badPeriod = postBody("/api/v1/payment-batches?program=PENSION&period=11-2026",
        token("dolisa-demo"), "text/csv", HEADER, "X-Control-Count", "0", "X-Control-Sum", "0");
    assertThat(badPeriod.statusCode()).isEqualTo(400);
    HttpResponse<String> broken = postBody("/api/v1/payment-batches?program=PENSION&period=2026-06", token("dolisa-demo"),
        "application/json", "{\"payments\":[{\"paymentId\":", "X-Control-Count", "1", "X-Control-Sum", "1");
    assertThat(broken.statusCode()).isEqualTo(400);
    assertThat(broken.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    HttpResponse<String> noHeader = postBody("/api/v1/payment-batches?program=PENSION&period=2026-06", token("dolisa-demo"),
        "text/csv", "payment_id,amount_vnd\nX,1\n", "X-Control-Count", "1", "X-Control-Sum", "1");
    assertThat(noHeader.statusCode()).isEqualTo(400);
    assertThat(noHeader.body()).contains("missing columns");
  }
}
