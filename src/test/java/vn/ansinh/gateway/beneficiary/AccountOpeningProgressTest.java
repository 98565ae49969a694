package vn.ansinh.gateway.beneficiary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * The account-opening campaign (SPEC §4.13) over HTTP: a commune of Hà Tĩnh (province 42, used by
 * no other test) with poor and near-poor households in every state, brought there through the
 * registry, the bank's requests and its signed confirmations.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccountOpeningProgressTest extends HouseholdCampaignTest {

  private static final String PROVINCE = "42";
  private static final String COMMUNE = "18073";
  private static final String OTHER_COMMUNE = "18100";
  private static final String REPORT = "/api/v1/reports/account-opening-progress";

  @BeforeAll
  void aCommuneInTheMiddleOfTheCampaign() {
    registry.resetAll();
    agenciesAnswer();
    PopulationRegistryStubs.nobodyElse(registry);
    String h = "T" + UUID.randomUUID().toString().substring(0, 8);
    // poor households: one in each state, and one whose two members differ (rejected, open)
    opened("dolisa-demo", register("dolisa-demo", NAME, PROVINCE, COMMUNE, h + "-P-OPEN", "POOR"));
    register("dolisa-demo", NAME, PROVINCE, COMMUNE, h + "-P-REQ", "POOR");
    rejected("dolisa-demo", register("dolisa-demo", NAME, PROVINCE, COMMUNE, h + "-P-REJ", "POOR"));
    register("dolisa-demo", OTHER_NAME, PROVINCE, COMMUNE, h + "-P-NONE", "POOR");
    rejected("dolisa-demo", register("dolisa-demo", NAME, PROVINCE, COMMUNE, h + "-P-TWO", "POOR"));
    opened("dolisa-demo", register("dolisa-demo", NAME, PROVINCE, COMMUNE, h + "-P-TWO", "POOR"));
    // near-poor households: one in each state, and one whose two members differ (none, requested)
    opened("dolisa-demo", register("dolisa-demo", NAME, PROVINCE, COMMUNE, h + "-N-OPEN", "NEAR_POOR"));
    register("dolisa-demo", NAME, PROVINCE, COMMUNE, h + "-N-REQ", "NEAR_POOR");
    rejected("dolisa-demo", register("dolisa-demo", NAME, PROVINCE, COMMUNE, h + "-N-REJ", "NEAR_POOR"));
    register("dolisa-demo", OTHER_NAME, PROVINCE, COMMUNE, h + "-N-NONE", "NEAR_POOR");
    register("dolisa-demo", OTHER_NAME, PROVINCE, COMMUNE, h + "-N-TWO", "NEAR_POOR");
    register("dolisa-demo", NAME, PROVINCE, COMMUNE, h + "-N-TWO", "NEAR_POOR");
    // another commune, and another agency's household in the same commune under the same household id
    register("dolisa-demo", NAME, PROVINCE, OTHER_COMMUNE, h + "-P-ELSEWHERE", "POOR");
    opened("vss-demo", register("vss-demo", NAME, PROVINCE, COMMUNE, h + "-P-REQ", "POOR"));
    // a beneficiary without a household is not part of the campaign
    HttpResponse<String> single = postJson("/api/v1/beneficiaries", token("dolisa-demo"), member(newId(), NAME,
        PROVINCE, COMMUNE, "x", "POOR").replace(",\"householdId\":\"x\",\"householdCategory\":\"POOR\"", ""));
    assertThat(single.statusCode()).as(single.body()).isEqualTo(202);
  }

  private JsonNode report(String partner, String query) {
    HttpResponse<String> r = get(REPORT + query, token(partner));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.read(r.body());
  }

  private static JsonNode commune(JsonNode report, String code) {
    for (JsonNode c : report.path("communes")) {
      if (c.path("communeCode").asText().equals(code)) {
        return c;
      }
    }
    throw new AssertionError("no commune " + code + " in " + report);
  }

  /** households, withOpenAccount, accountRequested, accountRejected, noAccountYet, percent */
  private static List<String> tally(JsonNode t) {
    return List.of(t.path("households").asText(), t.path("withOpenAccount").asText(),
        t.path("accountRequested").asText(), t.path("accountRejected").asText(), t.path("noAccountYet").asText(),
        String.format(Locale.ROOT, "%.2f", t.path("percent").asDouble()));
  }

  @Test
  void eachHouseholdCountsOnceInTheBestStateOfItsMembers() {
    JsonNode report = report("dolisa-demo", "?provinceCode=42&deadline=2026-12-31");

    JsonNode c = commune(report, COMMUNE);
    assertThat(tally(c.path("poor"))).containsExactly("5", "2", "1", "1", "1", "40.00");
    assertThat(tally(c.path("nearPoor"))).containsExactly("5", "1", "2", "1", "1", "20.00");
    assertThat(tally(c.path("all"))).containsExactly("10", "3", "3", "2", "2", "30.00");
    assertThat(tally(commune(report, OTHER_COMMUNE).path("all"))).containsExactly("1", "0", "1", "0", "0", "0.00");
    assertThat(tally(report.path("total").path("all"))).containsExactly("11", "3", "4", "2", "2", "27.27");
    assertThat(tally(report.path("total").path("poor"))).containsExactly("6", "2", "2", "1", "1", "33.33");
    assertThat(report.path("communes")).hasSize(2);
    assertThat(report.path("communes").get(0).path("communeCode").asText()).isEqualTo(COMMUNE);
  }

  @Test
  void anotherAgencysHouseholdsAreNotCountedForTheAgencyButOperatorsSeeTheProvince() {
    JsonNode dolisa = commune(report("dolisa-demo", "?provinceCode=42&deadline=2026-12-31"), COMMUNE);
    JsonNode operators = commune(report("operations-reader-test", "?provinceCode=42&deadline=2026-12-31"), COMMUNE);

    assertThat(tally(dolisa.path("poor"))).containsExactly("5", "2", "1", "1", "1", "40.00");
    // VSS's household of the same id is its own household, with an open account
    assertThat(tally(operators.path("poor"))).containsExactly("6", "3", "1", "1", "1", "50.00");
    assertThat(report("dolisa-demo", "?provinceCode=43&deadline=2026-12-31").path("communes")).isEmpty();
  }

  @Test
  void percentsCarryTwoDecimals() {
    HttpResponse<String> r = get(REPORT + "?provinceCode=42&deadline=2026-12-31", token("dolisa-demo"));

    assertThat(r.body()).contains("\"percent\":40.00").contains("\"percent\":0.00").contains("\"percent\":27.27");
  }

  @Test
  void theDaysLeftCountFromTodayInVietnamAndGoNegativeOncePassed() {
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    LocalDate ahead = today.plusDays(45);

    JsonNode before = report("dolisa-demo", "?provinceCode=42&deadline=" + ahead);
    JsonNode after = report("dolisa-demo", "?provinceCode=42&deadline=2025-12-31");

    assertThat(before.path("asOf").asText()).isEqualTo(today.toString());
    assertThat(before.path("deadline").asText()).isEqualTo(ahead.toString());
    assertThat(before.path("daysLeft").asLong()).isEqualTo(45);
    assertThat(after.path("daysLeft").asLong()).isEqualTo(ChronoUnit.DAYS.between(today, LocalDate.of(2025, 12, 31)))
        .isNegative();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "a one-digit province    | ?provinceCode=4&deadline=2026-12-31           | provinceCode",
      "a named province        | ?provinceCode=Ha&deadline=2026-12-31          | provinceCode",
      "an absurd year          | ?provinceCode=42&deadline=%2B999999-01-01     | deadline",
      "a day not in the year   | ?provinceCode=42&deadline=2026-02-30          | deadline",
      "a thirteenth month      | ?provinceCode=42&deadline=2026-13-01          | deadline",
      "a date in words         | ?provinceCode=42&deadline=tomorrow            | deadline",
      "a Vietnamese date order | ?provinceCode=42&deadline=31/12/2026          | deadline",
      "a year 0                | ?provinceCode=42&deadline=0000-01-01          | deadline",
      "no deadline             | ?provinceCode=42                              | ",
      "no province             | ?deadline=2026-12-31                          | "})
  void badParametersAreA400NamingTheParameter(String scenario, String query, String field) {
    HttpResponse<String> r = get(REPORT + query, token("dolisa-demo"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/problem+json"));
    if (field != null) {
      assertThat(Json.read(r.body()).at("/errors/0/field").asText()).isEqualTo(field);
    }
  }

  @Test
  void theReportNeedsATokenTheScopeAndTheRight() {
    assertThat(get(REPORT + "?provinceCode=42&deadline=2026-12-31", null).statusCode()).isEqualTo(401);
    // VSS may neither ask for report.read nor use the report service; a bank neither
    assertThat(get(REPORT + "?provinceCode=42&deadline=2026-12-31", token("vss-demo")).statusCode()).isEqualTo(403);
    assertThat(get(REPORT + "?provinceCode=42&deadline=2026-12-31", token("bank-970405-demo")).statusCode())
        .isEqualTo(403);
  }
}
