package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * Non-cash coverage by the communes of the official list valid in the period (SPEC §4.6, §4.12):
 * codes of the legacy list, as lists taken in before codes were checked still hold them, count in
 * the commune their area went to; a split commune is never silently counted in one of its parts;
 * a paying agency counts its own lists only.
 */
class CoverageTest extends PaymentCycleTest {

  @Autowired
  JdbcTemplate jdbc;

  private JsonNode coverage(String query, String partner) {
    HttpResponse<String> r = get("/api/v1/reports/non-cash-coverage?" + query, token(partner));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.read(r.body());
  }

  /** Per line: the commune, or "split:" and the legacy commune, → the people counted there. */
  private static Map<String, Integer> lines(JsonNode coverage) {
    Map<String, Integer> lines = new HashMap<>();
    coverage.path("communes").forEach(c -> lines.put(c.path("split").asBoolean()
        ? "split:" + c.path("legacyCommuneCode").asText() : c.path("communeCode").asText(),
        c.path("beneficiaries").asInt()));
    return lines;
  }

  /** A row as a list taken in before codes were checked holds it: with a code of the legacy list. */
  private void legacyCode(String batchId, String paymentId, String commune) {
    assertThat(jdbc.update("update payment set commune_code = ? where payment_id = ? and batch_key ="
        + " (select batch_key from payment_batch where batch_id = ?)", commune, paymentId, batchId)).isEqualTo(1);
  }

  @Test
  void aLegacyCodeCountsInTheCommuneItsAreaWentTo() {
    String batchId = batchIdOf(submit("dolisa-demo", "2031-01",
        "MAP-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n"
        + "MAP-2,B2," + newPerson() + ",Trần Thị Hoà,500000,970405,1500205000002,40,16690,\n"
        + "MAP-3,B3," + newPerson() + ",Phạm Thị Lan,500000,,,40,16702,\n", 3, 1_500_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    // Đông Vĩnh ward (16663) of Vinh went whole into Thành Vinh ward (16681) on 2025-07-01
    legacyCode(batchId, "MAP-2", "16663");

    JsonNode c = coverage("period=2031-01&provinceCode=40", "dolisa-demo");

    assertThat(lines(c)).containsExactlyInAnyOrderEntriesOf(Map.of("16681", 2, "16702", 1));
    assertThat(c.path("listId").asText()).isEqualTo("VN-2025-07-01");
    assertThat(c.path("communes").get(0).path("communeName").asText()).isEqualTo("Phường Thành Vinh");
    // a cash payment the payment point has not recorded is a promise: counted among the people, not as paid
    assertThat(c.path("communes").get(1).path("paidInCash").asInt()).isZero();
    assertThat(c.path("beneficiaries").asInt()).isEqualTo(3);
  }

  @Test
  void aSplitLegacyCommuneIsAttributedByTheRegisterElseCountedOnItsOwnLine() {
    registry.stubFor(post(urlMatching("/banks/.*/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
    String registered = newPerson();
    String unregistered = newPerson();
    PopulationRegistryStubs.asListed(registry, registered, "Nguyễn Văn An");
    // the register knows the first person lives in Giảng Võ ward (00025), one of Cống Vị's (00007) parts
    HttpResponse<String> registration = postJson("/api/v1/beneficiaries", token("dolisa-demo"), """
        {"beneficiaryId":"SPLIT-%s","program":"SOCIAL_ALLOWANCE","personalId":"%s","fullName":"Nguyễn Văn An",
         "dateOfBirth":"1990-01-01","gender":"MALE","provinceCode":"01","communeCode":"00025",
         "preferredBankBin":"970405"}""".formatted(registered, registered));
    assertThat(registration.statusCode()).as(registration.body()).isEqualTo(202);
    String batchId = batchIdOf(submit("dolisa-demo", "2031-02",
        "SPL-1,B1," + registered + ",Nguyễn Văn An,500000,970405,1500205000001,01,00008,\n"
        + "SPL-2,B2," + unregistered + ",Trần Văn Bảo,500000,970405,1500205000002,01,00008,\n"
        + "SPL-3,B3," + newPerson() + ",Phạm Thị Lan,500000,970405,1500205000003,01,00004,\n", 3, 1_500_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    legacyCode(batchId, "SPL-1", "00007");
    legacyCode(batchId, "SPL-2", "00007");

    JsonNode c = coverage("period=2031-02&provinceCode=01", "dolisa-demo");

    assertThat(lines(c)).containsExactlyInAnyOrderEntriesOf(Map.of("00004", 1, "00025", 1, "split:00007", 1));
    JsonNode split = c.path("communes").get(2);
    assertThat(split.path("split").asBoolean()).isTrue();
    assertThat(split.has("communeCode")).isFalse();
    assertThat(split.path("communeName").asText()).isEqualTo("Phường Cống Vị");
    assertThat(c.path("beneficiaries").asInt()).as("the province total counts the split line too").isEqualTo(3);
  }

  @Test
  void aPayingAgencyCountsItsOwnListsOnlyAndOperatorsCountEveryList() {
    String rows = "OWN-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n";
    awaitStatus(batchIdOf(submit("dolisa-demo", "2031-03", rows, 1, 500_000)), "AWAITING_APPROVAL");
    awaitStatus(batchIdOf(submit("dolisa-demo", "PENSION", "2031-03",
        "OWN-2,B2," + newPerson() + ",Trần Thị Hoà,500000,970405,1500205000002,40,16690,\n", 1, "500000")),
        "AWAITING_APPROVAL");
    String social = batchIdOf(submit("vss-demo", "SOCIAL_INSURANCE_BENEFIT", "2031-03",
        "COVERAGE-VSS-1,B1," + newPerson() + ",Lê Thị Mai,500000,970405,1500205000003,40,16681,\n"
        + "COVERAGE-VSS-2,B2," + newPerson() + ",Hoàng Văn Nam,500000,970405,1500205000004,40,16681,\n", 2, "1000000"));
    awaitStatus(social, "AWAITING_APPROVAL", "vss-demo");

    assertThat(lines(coverage("period=2031-03&provinceCode=40", "dolisa-demo")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("16681", 1, "16690", 1));
    assertThat(lines(coverage("period=2031-03&provinceCode=40&program=SOCIAL_ALLOWANCE", "dolisa-demo")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("16681", 1));
    assertThat(lines(coverage("period=2031-03&provinceCode=40", "operations-reader-test")))
        .containsExactlyInAnyOrderEntriesOf(Map.of("16681", 3, "16690", 1));
  }

  @Test
  void absurdPeriodsUnknownProgramsAndProvincesAreRefused() {
    for (String query : new String[] {"period=%2B999999-11&provinceCode=40", "period=10000-01&provinceCode=40",
        "period=2031-03&provinceCode=40&program=LOTTERY", "period=2031-03&provinceCode=4"}) {
      assertThat(get("/api/v1/reports/non-cash-coverage?" + query, token("dolisa-demo")).statusCode()).as(query)
          .isEqualTo(400);
    }
    HttpResponse<String> merged = get("/api/v1/reports/non-cash-coverage?period=2031-03&provinceCode=02",
        token("dolisa-demo"));
    assertThat(merged.statusCode()).isEqualTo(422);
    assertThat(merged.body()).contains("unknown province 02 in the list valid on 2031-03-01");
  }

  /** Onboarding has done what it does without a bank's answer: the version stays put from here. */
  private void settled(String id) {
    await().atMost(Duration.ofSeconds(10)).until(() -> "ACCOUNT_REQUESTED".equals(Json.read(
        get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).body()).path("status").asText()));
  }

  @Test
  void aMoveCountsThePersonInTheNewCommuneFromTheMonthItTakesEffect() {
    registry.stubFor(post(urlMatching("/banks/.*/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
    String person = newPerson();
    PopulationRegistryStubs.asListed(registry, person, "Nguyễn Văn An");
    String id = "MOVE-" + person;
    HttpResponse<String> registration = postJson("/api/v1/beneficiaries", token("dolisa-demo"), """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"%s","fullName":"Nguyễn Văn An",
         "dateOfBirth":"1990-01-01","gender":"MALE","provinceCode":"48","communeCode":"20194",
         "preferredBankBin":"970405"}""".formatted(id, person));
    assertThat(registration.statusCode()).as(registration.body()).isEqualTo(202);
    settled(id);
    // Hải Vân ward (20194) → Liên Chiểu ward (20197) of Đà Nẵng, from the middle of a month two months ahead
    YearMonth moveMonth = YearMonth.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusMonths(2);
    String etag = get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).headers().firstValue("ETag").orElseThrow();
    HttpResponse<String> moved = send(HttpRequest.newBuilder(url("/api/v1/beneficiaries/" + id))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "application/merge-patch+json")
        .header("If-Match", etag).method("PATCH", HttpRequest.BodyPublishers.ofString(
            "{\"provinceCode\":\"48\",\"communeCode\":\"20197\",\"effectiveFrom\":\"" + moveMonth.atDay(15) + "\"}"))
        .build());
    assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);

    // the paying agency's lists still name the old ward in both months
    for (YearMonth month : new YearMonth[] {moveMonth.minusMonths(1), moveMonth}) {
      String batchId = batchIdOf(submit("dolisa-demo", month.toString(),
          "MV-" + month + "-" + person + ",B1," + person + ",Nguyễn Văn An,500000,970405,1500205000001,48,20194,\n",
          1, 500_000));
      awaitStatus(batchId, "AWAITING_APPROVAL");
    }

    assertThat(lines(coverage("period=" + moveMonth.minusMonths(1) + "&provinceCode=48", "dolisa-demo")))
        .as("the month before the move").containsExactlyInAnyOrderEntriesOf(Map.of("20194", 1));
    assertThat(lines(coverage("period=" + moveMonth + "&provinceCode=48", "dolisa-demo")))
        .as("the month the move takes effect").containsExactlyInAnyOrderEntriesOf(Map.of("20197", 1));
  }

  @Test
  void aMoveToACommuneOutsideTheOfficialListIsRefused() {
    registry.stubFor(post(urlMatching("/banks/.*/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
    String person = newPerson();
    PopulationRegistryStubs.asListed(registry, person, "Nguyễn Văn An");
    String id = "MOVE-" + person;
    assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"%s","fullName":"Nguyễn Văn An",
         "dateOfBirth":"1990-01-01","gender":"MALE","provinceCode":"48","communeCode":"20194",
         "preferredBankBin":"970405"}""".formatted(id, person)).statusCode()).isEqualTo(202);
    settled(id);
    String etag = get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).headers().firstValue("ETag").orElseThrow();

    HttpResponse<String> moved = send(HttpRequest.newBuilder(url("/api/v1/beneficiaries/" + id))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "application/merge-patch+json")
        .header("If-Match", etag).method("PATCH", HttpRequest.BodyPublishers.ofString(
            "{\"provinceCode\":\"48\",\"communeCode\":\"99999\",\"effectiveFrom\":\"2026-09-01\"}")).build());

    assertThat(moved.statusCode()).isEqualTo(422);
    assertThat(moved.body()).contains("unknown commune 99999 in the list valid on 2026-09-01");
    assertThat(get("/api/v1/beneficiaries/" + id + "/history", token("dolisa-demo")).body())
        .as("no move recorded").contains("REGISTERED").doesNotContain("MOVED");
  }
}
