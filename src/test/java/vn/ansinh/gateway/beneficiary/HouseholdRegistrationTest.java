package vn.ansinh.gateway.beneficiary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.ansinh.gateway.support.Json;

/** Registrations carry an optional household: its id and poverty category, together (SPEC §4.13). */
class HouseholdRegistrationTest extends HouseholdCampaignTest {

  private static final String CSV_HEADER = "beneficiary_id,program,personal_id,full_name,date_of_birth,gender,"
      + "province_code,commune_code,preferred_bank_bin,household_id,household_category\n";

  @Test
  void theHouseholdIsKeptAndShown() {
    String id = newId();

    HttpResponse<String> r = postJson("/api/v1/beneficiaries", token("dolisa-demo"),
        member(id, NAME, "40", "16690", "HGD-2026-0001", "NEAR_POOR"));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode view = Json.read(get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).body());
    assertThat(view.path("householdId").asText()).isEqualTo("HGD-2026-0001");
    assertThat(view.path("householdCategory").asText()).isEqualTo("NEAR_POOR");
  }

  @Test
  void aBeneficiaryWithoutAHouseholdShowsNone() {
    String id = newId();
    String json = member(id, NAME, "40", "16690", "x", "POOR")
        .replace(",\"householdId\":\"x\",\"householdCategory\":\"POOR\"", "");

    assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), json).statusCode()).isEqualTo(202);
    JsonNode view = Json.read(get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).body());
    assertThat(view.has("householdId")).isFalse();
    assertThat(view.has("householdCategory")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "an unknown category      | \"householdId\":\"HGD-1\",\"householdCategory\":\"RICH\"     | householdCategory",
      "a category as a number   | \"householdId\":\"HGD-1\",\"householdCategory\":1            | householdCategory",
      "a slash in the id        | \"householdId\":\"HGD/1\",\"householdCategory\":\"POOR\"     | householdId",
      "a 33-character id        | \"householdId\":\"HGD-12345678901234567890123456789\",\"householdCategory\":\"POOR\" | householdId",
      "an empty id              | \"householdId\":\"\",\"householdCategory\":\"POOR\"          | householdId",
      "a NUL in the id          | \"householdId\":\"HGD\\u0000\",\"householdCategory\":\"POOR\" | householdId",
      "an id without category   | \"householdId\":\"HGD-1\"                                    | householdCategory",
      "a category without id    | \"householdCategory\":\"POOR\"                               | householdId",
      "an id as a number        | \"householdId\":12,\"householdCategory\":\"POOR\"            | householdId"})
  void aMalformedHouseholdIsA400NamingTheFieldWithoutEchoingIt(String scenario, String household, String field) {
    String json = member(newId(), NAME, "40", "16690", "x", "POOR")
        .replace("\"householdId\":\"x\",\"householdCategory\":\"POOR\"", household);

    HttpResponse<String> r = postJson("/api/v1/beneficiaries", token("dolisa-demo"), json);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
    assertThat(Json.read(r.body()).path("errors").findValuesAsText("field")).containsExactly(field);
    assertThat(r.body()).doesNotContain("HGD").doesNotContain("RICH");
  }

  @Test
  void aCsvListCarriesHouseholdsAndAnUnknownCategoryIsARowError() {
    String a = newId();
    String b = newId();
    String csv = CSV_HEADER
        + a + ",POOR_HOUSEHOLD," + newPerson() + "," + NAME + ",1990-01-01,MALE,40,16690,970405,HGD-7,near_poor\n"
        + b + ",POOR_HOUSEHOLD," + newPerson() + "," + NAME + ",1990-01-01,MALE,40,16690,970405,HGD-8,VERY_POOR\n";

    HttpResponse<String> r = postBody("/api/v1/beneficiaries/bulk", token("dolisa-demo"), "text/csv", csv);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode result = Json.read(r.body());
    assertThat(result.path("accepted").asInt()).isEqualTo(1);
    assertThat(result.at("/errors/0/row").asInt()).isEqualTo(2);
    assertThat(result.at("/errors/0/field").asText()).isEqualTo("householdCategory");
    assertThat(r.body()).doesNotContain("VERY_POOR");
    JsonNode view = Json.read(get("/api/v1/beneficiaries/" + a, token("dolisa-demo")).body());
    assertThat(view.path("householdId").asText()).isEqualTo("HGD-7");
    assertThat(view.path("householdCategory").asText()).isEqualTo("NEAR_POOR");
  }
}
