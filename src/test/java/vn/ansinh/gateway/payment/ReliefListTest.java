package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.simulator.BankReportMessages;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * Emergency relief (SPEC §4.14) over HTTP: a decision recorded, its lists verified at intake
 * against the population database, paid once per person and decision across lists and agencies,
 * kept to the affected communes and within the budget, and reported per commune.
 */
class ReliefListTest extends PaymentCycleTest {

  private static final String RELIEF_HEADER = "payment_id,beneficiary_id,personal_id,full_name,amount_vnd,bank_bin,"
      + "account_number,province_code,commune_code,purpose,date_of_birth,household_id\n";
  private static final AtomicInteger DECISION = new AtomicInteger();
  private static final LocalDate DECIDED = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(3);

  @Autowired
  private JdbcTemplate jdbc;

  private static String decisionNumber() {
    return DECISION.incrementAndGet() + "-" + System.nanoTime() % 1_000_000 + "/QĐ-UBND";
  }

  private static String programJson(String decision, String amount, long budget) {
    return "{\"decisionNumber\":\"" + decision + "\",\"decidedOn\":\"" + DECIDED + "\",\"hazard\":\"STORM\","
        + "\"provinceCode\":\"40\",\"communeCodes\":[\"16681\",\"16690\"]," + amount + ",\"budgetVnd\":" + budget
        + ",\"payUntil\":\"" + DECIDED.plusDays(60) + "\"}";
  }

  /** A program of 1,000,000 VND per person in two communes of Nghệ An, recorded by {@code partner}. */
  private String program(String partner, String decision, long budget) {
    HttpResponse<String> created = postJson("/api/v1/relief-programs", token(partner),
        programJson(decision, "\"amountPerPersonVnd\":1000000", budget));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = Json.read(created.body()).path("reliefProgramId").asText();
    assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/relief-programs/" + id);
    return id;
  }

  private HttpResponse<String> submitRelief(String partner, String programId, String csv, long count, long sum) {
    return postBody("/api/v1/payment-batches?program=EMERGENCY_RELIEF&reliefProgramId=" + programId, token(partner),
        "text/csv; charset=UTF-8", RELIEF_HEADER + csv, "X-Control-Count", Long.toString(count), "X-Control-Sum",
        Long.toString(sum));
  }

  /** A living person the population database knows under this name, born on 17 May 1990 (as newPerson's ids say). */
  private static String known(String name) {
    String id = newPerson();
    PopulationRegistryStubs.citizen(registry, id, name, "19900517", false);
    return id;
  }

  private static String row(String paymentId, String personalId, String name, String account, String commune,
      String born, String household) {
    return paymentId + ",," + personalId + "," + name + ",1000000," + (account == null ? "," : "970405," + account)
        + ",40," + commune + ",Hỗ trợ khẩn cấp bão," + born + "," + household + "\n";
  }

  private Map<String, JsonNode> payments(String partner, String batchId) {
    Map<String, JsonNode> byId = new HashMap<>();
    Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token(partner)).body()).path("payments")
        .forEach(p -> byId.put(p.path("paymentId").asText(), p));
    return byId;
  }

  @Test
  void anUnregisteredPersonIsVerifiedAtIntakeAndPaid() {
    String programId = program("dolisa-demo", decisionNumber(), 10_000_000);
    String paid = known("Nguyễn Thị Mai");
    String otherBirthDate = known("Lê Văn Tám");
    String cash = known("Phạm Văn Sơn");
    String tag = "RLF" + DECISION.get();
    String csv = row(tag + "-1", paid, "Nguyễn Thị Mai", "1500205123001", "16681", "1990-05-17", "HH-" + tag + "-1")
        + row(tag + "-2", otherBirthDate, "Lê Văn Tám", "1500205123002", "16681", "1990-06-01", "HH-" + tag + "-2")
        + row(tag + "-3", cash, "Phạm Văn Sơn", null, "16690", "17/05/1990", "HH-" + tag + "-3");

    String coverage = "/api/v1/reports/non-cash-coverage?period=" + DECIDED.toString().substring(0, 7)
        + "&provinceCode=40";
    long beneficiariesBefore = Json.read(get(coverage, token("dolisa-demo")).body()).path("beneficiaries").asLong();
    String batchId = batchIdOf(submitRelief("dolisa-demo", programId, csv, 3, 3_000_000));
    JsonNode awaiting = awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(awaiting.path("program").asText()).isEqualTo("EMERGENCY_RELIEF");
    assertThat(awaiting.path("period").asText()).isEqualTo(DECIDED.toString().substring(0, 7));
    // nobody of the list is a registered beneficiary: each was looked up live in the population database
    for (String person : List.of(paid, otherBirthDate, cash)) {
      registry.verify(postRequestedFor(urlEqualTo("/population")).withRequestBody(containing("<SoDinhDanh>" + person)));
    }
    Map<String, JsonNode> before = payments("dolisa-demo", batchId);
    assertThat(before.get(tag + "-1").path("status").asText()).isEqualTo("PENDING");
    assertThat(before.get(tag + "-2").path("status").asText()).isEqualTo("IDENTITY_MISMATCH");
    assertThat(before.get(tag + "-2").path("statusReason").asText()).contains("date of birth");
    assertThat(before.get(tag + "-3").path("status").asText()).isEqualTo("CASH");

    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    String file = payments("dolisa-demo", batchId).get(tag + "-1").path("fileId").asText();
    String report = BankReportMessages.pain002("RLF-PSR-" + tag, file,
        List.of(new BankReportMessages.Status(tag + "-1", "ACSC", null)));
    HttpResponse<String> reported = report("bank-970405-demo", "970405", report);
    assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
    assertThat(payments("dolisa-demo", batchId).get(tag + "-1").path("status").asText()).isEqualTo("PAID");
    // relief is reported on its own: the monthly non-cash coverage does not count its recipients
    assertThat(Json.read(get(coverage, token("dolisa-demo")).body()).path("beneficiaries").asLong())
        .isEqualTo(beneficiariesBefore);

    JsonNode totals = Json.read(get("/api/v1/relief-programs/" + programId, token("dolisa-demo")).body())
        .path("totals");
    assertThat(totals.path("lists").asLong()).isEqualTo(1);
    assertThat(totals.path("committed").path("people").asLong()).isEqualTo(2);
    assertThat(totals.path("committed").path("households").asLong()).isEqualTo(2);
    assertThat(totals.path("paid").path("people").asLong()).isEqualTo(1);
    assertThat(totals.path("paid").path("amountVnd").asLong()).isEqualTo(1_000_000);
    assertThat(totals.path("committedVnd").asLong()).isEqualTo(2_000_000);
    assertThat(totals.path("remainingBudgetVnd").asLong()).isEqualTo(8_000_000);

    JsonNode relief = Json.read(get("/api/v1/reports/relief?reliefProgramId=" + programId, token("dolisa-demo")).body());
    assertThat(relief.path("remainingBudgetVnd").asLong()).isEqualTo(8_000_000);
    assertThat(relief.path("paidVnd").asLong()).isEqualTo(1_000_000);
    JsonNode vinh = relief.path("communes").get(0);
    assertThat(vinh.path("communeCode").asText()).isEqualTo("16681");
    assertThat(vinh.path("paid").path("people").asLong()).isEqualTo(1);
    assertThat(vinh.path("channels").get(0).path("channel").asText()).isEqualTo("ACCOUNT");
    assertThat(vinh.path("channels").get(0).path("paid").path("households").asLong()).isEqualTo(1);
    JsonNode truongVinh = relief.path("communes").get(1);
    assertThat(truongVinh.path("communeCode").asText()).isEqualTo("16690");
    assertThat(truongVinh.path("committed").path("people").asLong()).isEqualTo(1);
    assertThat(truongVinh.path("paid").path("people").asLong()).isZero();
    assertThat(truongVinh.path("channels").get(0).path("channel").asText()).isEqualTo("CASH");
  }

  @Test
  void aPersonIsPaidOncePerDecisionAcrossListsAndAgencies() {
    String decision = decisionNumber();
    String programId = program("dolisa-demo", decision, 10_000_000);
    String twice = known("Trần Văn Hải");
    String tag = "RLD" + DECISION.get();
    String first = batchIdOf(submitRelief("dolisa-demo", programId,
        row(tag + "-1", twice, "Trần Văn Hải", "1500205124001", "16681", "1990-05-17", "HH-" + tag + "-1"), 1,
        1_000_000));
    awaitStatus(first, "AWAITING_APPROVAL");

    String newcomer = known("Võ Thị Lan");
    String second = batchIdOf(submitRelief("dolisa-demo", programId,
        row(tag + "-2", twice, "Trần Văn Hải", "1500205124002", "16681", "1990-05-17", "HH-" + tag + "-1")
            + row(tag + "-3", newcomer, "Võ Thị Lan", "1500205124003", "16690", "1990-05-17", "HH-" + tag + "-3"),
        2, 2_000_000));
    awaitStatus(second, "AWAITING_APPROVAL");
    Map<String, JsonNode> rows = payments("dolisa-demo", second);
    assertThat(rows.get(tag + "-2").path("status").asText()).isEqualTo("DUPLICATE");
    assertThat(rows.get(tag + "-2").path("statusReason").asText()).contains("already paid under this relief decision");
    assertThat(rows.get(tag + "-3").path("status").asText()).isEqualTo("PENDING");

    // another agency's program for the same decision: the person is still paid once
    String othersProgram = program("relief-other-test", decision, 5_000_000);
    String third = batchIdOf(submitRelief("relief-other-test", othersProgram,
        row(tag + "-4", twice, "Trần Văn Hải", "1500205124004", "16681", "1990-05-17", "HH-" + tag + "-1"), 1,
        1_000_000));
    JsonNode refused = awaitStatus(third, "REJECTED", "relief-other-test");
    assertThat(refused.path("counts").path("duplicate").asLong()).isEqualTo(1);
    assertThat(payments("relief-other-test", third).get(tag + "-4").path("status").asText()).isEqualTo("DUPLICATE");
    assertThat(jdbc.queryForObject("select count(*) from relief_claim where subject = ?", Long.class, "P:" + twice))
        .isEqualTo(1);
  }

  @Test
  void aReliefListInJsonCarriesTheDateOfBirthAndHousehold() {
    String programId = program("dolisa-demo", decisionNumber(), 10_000_000);
    String person = known("Lương Thị Nga");
    String tag = "RLJ" + DECISION.get();
    String json = "{\"payments\":[{\"paymentId\":\"" + tag + "-1\",\"personalId\":\"" + person + "\","
        + "\"fullName\":\"Lương Thị Nga\",\"amountVnd\":1000000,\"provinceCode\":\"40\",\"communeCode\":\"16690\","
        + "\"dateOfBirth\":\"1990-05-17\",\"householdId\":\"HJ-" + tag + "\"},"
        + "{\"paymentId\":\"" + tag + "-2\",\"personalId\":\"" + person + "\",\"fullName\":\"Lương Thị Nga\","
        + "\"amountVnd\":1000000,\"provinceCode\":\"40\",\"communeCode\":\"16690\"}]}";
    String batchId = batchIdOf(postBody("/api/v1/payment-batches?program=EMERGENCY_RELIEF&reliefProgramId=" + programId,
        token("dolisa-demo"), "application/json", json, "X-Control-Count", "2", "X-Control-Sum", "2000000"));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    Map<String, JsonNode> rows = payments("dolisa-demo", batchId);
    assertThat(rows.get(tag + "-1").path("status").asText()).isEqualTo("CASH");
    assertThat(rows.get(tag + "-2").path("status").asText()).isEqualTo("INVALID");
    assertThat(get("/api/v1/payment-batches/" + batchId + "/errors", token("dolisa-demo")).body())
        .contains("dateOfBirth", "householdId");
  }

  @Test
  void aRowOutsideTheAffectedCommunesStopsWithAReason() {
    String programId = program("dolisa-demo", decisionNumber(), 10_000_000);
    String inside = known("Đặng Văn Minh");
    String outside = known("Bùi Thị Hồng");
    String tag = "RLC" + DECISION.get();
    String batchId = batchIdOf(submitRelief("dolisa-demo", programId,
        row(tag + "-1", inside, "Đặng Văn Minh", "1500205125001", "16681", "1990-05-17", "HH-" + tag + "-1")
            // Phường Vinh Phú is in Nghệ An, but the decision does not name it
            + row(tag + "-2", outside, "Bùi Thị Hồng", "1500205125002", "16702", "1990-05-17", "HH-" + tag + "-2"),
        2, 2_000_000));
    JsonNode batch = awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(batch.path("counts").path("invalid").asLong()).isEqualTo(1);
    JsonNode errors = Json.read(get("/api/v1/payment-batches/" + batchId + "/errors", token("dolisa-demo")).body());
    assertThat(errors.path("errors").get(0).path("row").asInt()).isEqualTo(2);
    assertThat(errors.path("errors").get(0).path("field").asText()).isEqualTo("communeCode");
    assertThat(errors.path("errors").get(0).path("reason").asText())
        .isEqualTo("is not one of the communes the relief decision covers");
    assertThat(errors.toString()).doesNotContain(outside, "Bùi Thị Hồng");
  }

  @Test
  void listsOverTheBudgetAreRejectedWithTheRemainingBudgetEvenWhenValidatedAtOnce() {
    String programId = program("dolisa-demo", decisionNumber(), 3_000_000);
    String tag = "RLB" + DECISION.get();
    String listA = row(tag + "-1", known("Ngô Văn Lực"), "Ngô Văn Lực", "1500205126001", "16681", "1990-05-17", "HA1")
        + row(tag + "-2", known("Ngô Thị Huệ"), "Ngô Thị Huệ", "1500205126002", "16681", "1990-05-17", "HA2");
    String listB = row(tag + "-3", known("Lý Văn Bảo"), "Lý Văn Bảo", "1500205126003", "16690", "1990-05-17", "HB1")
        + row(tag + "-4", known("Lý Thị Cúc"), "Lý Thị Cúc", "1500205126004", "16690", "1990-05-17", "HB2");
    // two lists of 2,000,000 VND each against 3,000,000: sent together, validated in whatever order
    CompletableFuture<HttpResponse<String>> a = CompletableFuture.supplyAsync(
        () -> submitRelief("dolisa-demo", programId, listA, 2, 2_000_000));
    CompletableFuture<HttpResponse<String>> b = CompletableFuture.supplyAsync(
        () -> submitRelief("dolisa-demo", programId, listB, 2, 2_000_000));
    String batchA = batchIdOf(a.join());
    String batchB = batchIdOf(b.join());
    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> List.of(batchA, batchB).stream()
        .map(id -> batch("dolisa-demo", id).path("status").asText())
        .allMatch(s -> s.equals("AWAITING_APPROVAL") || s.equals("REJECTED")));
    List<JsonNode> both = List.of(batch("dolisa-demo", batchA), batch("dolisa-demo", batchB));
    assertThat(both).extracting(n -> n.path("status").asText())
        .containsExactlyInAnyOrder("AWAITING_APPROVAL", "REJECTED");
    JsonNode rejected = both.stream().filter(n -> n.path("status").asText().equals("REJECTED")).findFirst().orElseThrow();
    assertThat(rejected.path("statusReason").asText()).contains("remaining budget of 1000000 VND");

    JsonNode totals = Json.read(get("/api/v1/relief-programs/" + programId, token("dolisa-demo")).body())
        .path("totals");
    assertThat(totals.path("committedVnd").asLong()).isEqualTo(2_000_000);
    assertThat(totals.path("remainingBudgetVnd").asLong()).isEqualTo(1_000_000);

    // the treasury declines the accepted list: its people and its share of the budget come back
    String accepted = both.stream().filter(n -> n.path("status").asText().equals("AWAITING_APPROVAL")).findFirst()
        .orElseThrow().path("batchId").asText();
    assertThat(postBody("/api/v1/payment-batches/" + accepted + "/approval", token("treasury-demo"), "application/json",
        "{\"approved\":false,\"reason\":\"wrong list\"}").statusCode()).isEqualTo(200);
    assertThat(Json.read(get("/api/v1/relief-programs/" + programId, token("dolisa-demo")).body())
        .path("totals").path("remainingBudgetVnd").asLong()).isEqualTo(3_000_000);
  }

  @Test
  void aProgramPerHouseholdPaysEachHouseholdOnce() {
    HttpResponse<String> created = postJson("/api/v1/relief-programs", token("dolisa-demo"),
        programJson(decisionNumber(), "\"amountPerHouseholdVnd\":1000000", 10_000_000));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String programId = Json.read(created.body()).path("reliefProgramId").asText();
    String tag = "RLH" + DECISION.get();
    String batchId = batchIdOf(submitRelief("dolisa-demo", programId,
        row(tag + "-1", known("Hà Văn Đức"), "Hà Văn Đức", "1500205127001", "16681", "1990-05-17", "HH-" + tag)
            + row(tag + "-2", known("Hà Thị Yến"), "Hà Thị Yến", "1500205127002", "16681", "1990-05-17", "HH-" + tag),
        2, 2_000_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    Map<String, JsonNode> rows = payments("dolisa-demo", batchId);
    assertThat(rows.get(tag + "-1").path("status").asText()).isEqualTo("PENDING");
    assertThat(rows.get(tag + "-2").path("status").asText()).isEqualTo("DUPLICATE");
    assertThat(rows.get(tag + "-2").path("statusReason").asText()).contains("household");
  }

  @Test
  void badProgramsAreRefusedWith400() {
    String decision = decisionNumber();
    Map<String, String> cases = new HashMap<>();
    cases.put("both amounts", programJson(decision, "\"amountPerPersonVnd\":1000000,\"amountPerHouseholdVnd\":2000000",
        10_000_000));
    cases.put("no amount", programJson(decision, "\"hazardNote\":null", 10_000_000).replace(",\"hazardNote\":null", ""));
    cases.put("unknown commune", programJson(decision, "\"amountPerPersonVnd\":1000000", 10_000_000)
        .replace("\"16690\"", "\"99999\""));
    cases.put("commune of another province", programJson(decision, "\"amountPerPersonVnd\":1000000", 10_000_000)
        .replace("\"16690\"", "\"00004\""));
    cases.put("absurd decision date", programJson(decision, "\"amountPerPersonVnd\":1000000", 10_000_000)
        .replace("\"decidedOn\":\"" + DECIDED + "\"", "\"decidedOn\":\"+999999-01-01\""));
    cases.put("decided in the future", programJson(decision, "\"amountPerPersonVnd\":1000000", 10_000_000)
        .replace("\"decidedOn\":\"" + DECIDED + "\"", "\"decidedOn\":\"" + DECIDED.plusYears(1) + "\""));
    cases.put("pay until before the decision", programJson(decision, "\"amountPerPersonVnd\":1000000", 10_000_000)
        .replace("\"payUntil\":\"" + DECIDED.plusDays(60) + "\"", "\"payUntil\":\"" + DECIDED.minusDays(1) + "\""));
    cases.put("huge budget", programJson(decision, "\"amountPerPersonVnd\":1000000", 10_000_000)
        .replace("10000000", "1" + "0".repeat(40)));
    cases.put("negative amount", programJson(decision, "\"amountPerPersonVnd\":-5", 10_000_000));
    cases.put("NUL in the decision number", programJson(decision + "\\u0000", "\"amountPerPersonVnd\":1000000",
        10_000_000));
    cases.put("unknown hazard", programJson(decision, "\"amountPerPersonVnd\":1000000", 10_000_000)
        .replace("STORM", "METEOR"));
    cases.put("null commune", programJson(decision, "\"amountPerPersonVnd\":1000000", 10_000_000)
        .replace("\"16690\"", "null"));
    cases.put("amount as text", programJson(decision, "\"amountPerPersonVnd\":\"1000000\"", 10_000_000));
    cases.put("not JSON", "{\"decisionNumber\":");
    cases.forEach((name, body) -> {
      HttpResponse<String> r = postJson("/api/v1/relief-programs", token("dolisa-demo"), body);
      assertThat(r.statusCode()).as(name + ": " + r.body()).isEqualTo(400);
      assertThat(r.headers().firstValue("Content-Type")).as(name).hasValueSatisfying(
          t -> assertThat(t).startsWith("application/problem+json"));
    });
    // none of them was recorded: the decision number is still free
    program("dolisa-demo", decision, 10_000_000);
    assertThat(postJson("/api/v1/relief-programs", token("dolisa-demo"),
        programJson(decision, "\"amountPerPersonVnd\":1000000", 10_000_000)).statusCode()).isEqualTo(409);
  }

  @Test
  void badReliefRowsAreRowErrorsAndBadSubmissionsAre400() {
    String programId = program("dolisa-demo", decisionNumber(), 10_000_000);
    String person = known("Cao Văn Thành");
    String tag = "RLE" + DECISION.get();
    String good = row(tag + "-1", person, "Cao Văn Thành", "1500205130001", "16681", "1990-05-17", "HE1");
    String csv = good.replace(",1990-05-17,", ",,")                                    // no date of birth
        + good.replace(tag + "-1", tag + "-2").replace("1990-05-17", "+999999-01-01")   // absurd date of birth
        + good.replace(tag + "-1", tag + "-3").replace("1990-05-17", "2001-05-17")      // not the id's birth year
        + good.replace(tag + "-1", tag + "-4").replace(",HE1", ",")                      // no household
        + good.replace(tag + "-1", tag + "-5").replace(",1000000,", ",999999,")          // not the program's amount
        + good.replace(tag + "-1", tag + "-6").replace(",40,16681,", ",01,00004,");      // another province
    String batchId = batchIdOf(submitRelief("dolisa-demo", programId, csv, 6, 5_999_999));
    JsonNode batch = awaitStatus(batchId, "REJECTED");
    assertThat(batch.path("counts").path("invalid").asLong()).isEqualTo(6);
    Map<Integer, String> fields = new HashMap<>();
    Map<Integer, String> reasons = new HashMap<>();
    Json.read(get("/api/v1/payment-batches/" + batchId + "/errors", token("dolisa-demo")).body()).path("errors")
        .forEach(e -> {
          fields.merge(e.path("row").asInt(), e.path("field").asText(), (a, b) -> a + "," + b);
          reasons.merge(e.path("row").asInt(), e.path("reason").asText(), (a, b) -> a + "," + b);
        });
    assertThat(fields).containsEntry(1, "dateOfBirth").containsEntry(2, "dateOfBirth").containsEntry(3, "dateOfBirth")
        .containsEntry(4, "householdId").containsEntry(5, "amountVnd");
    // row 3's date is a date, but not the birth year its personal id encodes
    assertThat(reasons.get(3)).doesNotContain("is required").isNotEqualTo(reasons.get(1));
    assertThat(fields.get(6)).contains("provinceCode", "communeCode");

    String one = "X-Control-Count";
    assertThat(postBody("/api/v1/payment-batches?program=EMERGENCY_RELIEF", token("dolisa-demo"), "text/csv",
        RELIEF_HEADER + good, one, "1", "X-Control-Sum", "1000000").body()).contains("reliefProgramId");
    HttpResponse<String> monthly = postBody("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2026-11"
        + "&reliefProgramId=" + programId, token("dolisa-demo"), "text/csv", RELIEF_HEADER + good, one, "1",
        "X-Control-Sum", "1000000");
    assertThat(monthly.statusCode()).isEqualTo(400);
    HttpResponse<String> otherMonth = postBody("/api/v1/payment-batches?program=EMERGENCY_RELIEF&period=2001-01"
        + "&reliefProgramId=" + programId, token("dolisa-demo"), "text/csv", RELIEF_HEADER + good, one, "1",
        "X-Control-Sum", "1000000");
    assertThat(otherMonth.statusCode()).isEqualTo(400);
    assertThat(otherMonth.body()).contains("period");
    assertThat(submitRelief("dolisa-demo", "no-such-program", good, 1, 1_000_000).statusCode()).isEqualTo(404);
  }

  @Test
  void anotherPartnersProgramIsNotFound() {
    String programId = program("dolisa-demo", decisionNumber(), 10_000_000);
    assertThat(get("/api/v1/relief-programs/" + programId, token("relief-other-test")).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/reports/relief?reliefProgramId=" + programId, token("relief-other-test")).statusCode())
        .isEqualTo(404);
    String person = known("Mai Văn Tiến");
    HttpResponse<String> list = submitRelief("relief-other-test", programId,
        row("RLX-" + DECISION.get(), person, "Mai Văn Tiến", "1500205128001", "16681", "1990-05-17", "HX"), 1,
        1_000_000);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(404);
    assertThat(get("/api/v1/relief-programs/" + programId, token("dolisa-demo")).statusCode()).isEqualTo(200);
    // a partner without the scope may not even ask
    assertThat(get("/api/v1/relief-programs/" + programId, token("vss-demo")).statusCode()).isEqualTo(403);
  }

  @Test
  void aProgramPastItsPayUntilDateRefusesNewLists() {
    String programId = program("dolisa-demo", decisionNumber(), 10_000_000);
    // the decision's pay-until date was the day before yesterday
    jdbc.update("update relief_program set pay_until = current_date - 2 where program_id = ?", programId);
    String person = known("Đinh Văn Quý");
    HttpResponse<String> list = submitRelief("dolisa-demo", programId,
        row("RLP-" + DECISION.get(), person, "Đinh Văn Quý", "1500205129001", "16681", "1990-05-17", "HP"), 1,
        1_000_000);
    assertThat(list.statusCode()).as(list.body()).isEqualTo(422);
    assertThat(list.body()).contains("reliefProgramId", "payable until");
  }
}
