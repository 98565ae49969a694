package vn.ansinh.gateway.payment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.Json;

/**
 * Province and commune codes in payment rows and registrations exist in the official list valid on
 * the relevant date (SPEC §4.12): a payment row's period's first day, a registration's day.
 */
class OfficialCodesTest extends PaymentCycleTest {

  private List<String> rowErrors(String batchId) {
    JsonNode errors = Json.read(get("/api/v1/payment-batches/" + batchId + "/errors", token("dolisa-demo")).body());
    List<String> found = new ArrayList<>();
    errors.path("errors").forEach(e -> found.add(e.path("row").asInt() + ":" + e.path("field").asText() + ":"
        + e.path("reason").asText()));
    return found;
  }

  @Test
  void aCodeNotInThePeriodsListIsARowErrorNamingThatList() {
    String csv = "CODE-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n"
        + "CODE-2,B2," + newPerson() + ",Trần Thị Hoà,500000,970405,1500205000002,40,99999,\n"
        // Đông Vĩnh ward of Vinh: merged into Thành Vinh (16681) in 2025, its code gone
        + "CODE-3,B3," + newPerson() + ",Phạm Thị Lan,500000,970405,1500205000003,40,16663,\n"
        + "CODE-4,B4," + newPerson() + ",Lê Thị Mai,500000,970405,1500205000004,01,16681,\n"
        + "CODE-5,B5," + newPerson() + ",Hoàng Văn Nam,500000,,,02,,\n";

    String batchId = batchIdOf(submit("dolisa-demo", "2026-11", csv, 5, 2_500_000));

    assertThat(rowErrors(batchId)).containsExactly(
        "2:communeCode:unknown commune 99999 in the list valid on 2026-11-01",
        "3:communeCode:unknown commune 16663 in the list valid on 2026-11-01",
        "4:communeCode:commune 16681 is in province 40, not 01, in the list valid on 2026-11-01",
        "5:provinceCode:unknown province 02 in the list valid on 2026-11-01");
    assertThat(awaitStatus(batchId, "AWAITING_APPROVAL").path("counts").path("valid").asInt()).isEqualTo(1);
  }

  @Test
  void legacyCodesAreTheCodesOfPeriodsBeforeJuly2025() {
    String csv = "OLD-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16663,\n"
        + "OLD-2,B2," + newPerson() + ",Trần Thị Hoà,500000,970405,1500205000002,02,00688,\n"
        + "OLD-3,B3," + newPerson() + ",Phạm Thị Lan,500000,970405,1500205000003,40,99999,\n";

    String batchId = batchIdOf(submit("dolisa-demo", "2025-06", csv, 3, 1_500_000));

    assertThat(rowErrors(batchId)).containsExactly("3:communeCode:unknown commune 99999 in the list valid on 2025-06-01");
    assertThat(awaitStatus(batchId, "AWAITING_APPROVAL").path("counts").path("valid").asInt()).isEqualTo(2);
  }

  @Test
  void aRegistrationWithACodeNotInTodaysListIs422AndAListRowErrorNamingTheList() {
    String registration = """
        {"beneficiaryId":"UNIT-%s","program":"SOCIAL_ALLOWANCE","personalId":"040090000123",
         "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","gender":"MALE","provinceCode":"40",
         "communeCode":"%s","preferredBankBin":"970405"}""";

    HttpResponse<String> unknown = postJson("/api/v1/beneficiaries", token("dolisa-demo"),
        registration.formatted("1", "16663"));

    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(422);
    JsonNode problem = Json.read(unknown.body());
    assertThat(problem.path("type").asText()).endsWith("unknown-administrative-unit");
    assertThat(problem.path("errors").get(0).path("field").asText()).isEqualTo("communeCode");
    assertThat(problem.path("errors").get(0).path("reason").asText())
        .matches("unknown commune 16663 in the list valid on 20[0-9]{2}-[0-9]{2}-[0-9]{2}");
    assertThat(unknown.body()).doesNotContain("040090000123", "Nguyễn");
    assertThat(get("/api/v1/beneficiaries/UNIT-1", token("dolisa-demo")).statusCode()).as("not registered")
        .isEqualTo(404);
    assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), registration.formatted("2", "1666"))
        .statusCode()).as("a malformed code stays a 400").isEqualTo(400);

    String header = "beneficiary_id,program,personal_id,full_name,date_of_birth,gender,province_code,commune_code,"
        + "phone,preferred_bank_bin\n";
    HttpResponse<String> bulk = postBody("/api/v1/beneficiaries/bulk", token("dolisa-demo"), "text/csv", header
        + "UNIT-3,SOCIAL_ALLOWANCE,040090000123,Nguyễn Văn An,1990-05-17,MALE,40,16663,,970405\n"
        + "UNIT-4,SOCIAL_ALLOWANCE,040090000123,Nguyễn Văn An,1990-05-17,MALE,44,16681,,970405\n");
    JsonNode result = Json.read(bulk.body());
    assertThat(result.path("accepted").asInt()).isZero();
    assertThat(result.path("errors").get(0).path("row").asInt()).isEqualTo(1);
    assertThat(result.path("errors").get(0).path("reason").asText()).startsWith("unknown commune 16663 in the list valid on");
    assertThat(result.path("errors").get(1).path("reason").asText()).startsWith("commune 16681 is in province 40, not 44");
  }
}
