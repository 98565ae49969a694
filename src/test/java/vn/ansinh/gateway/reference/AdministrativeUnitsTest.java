package vn.ansinh.gateway.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;

/** The official lists of provinces and communes, each valid on its days (SPEC §4.12). */
class AdministrativeUnitsTest extends GatewayHttpTest {

  private static final String PATH = "/api/v1/reference/administrative-units";

  private JsonNode units(String query, String partner) {
    HttpResponse<String> r = get(PATH + query, token(partner));
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return Json.read(r.body());
  }

  private static String commune(JsonNode units, String code) {
    for (JsonNode c : units.path("communes")) {
      if (c.path("communeCode").asText().equals(code)) {
        return c.path("name").asText();
      }
    }
    return null;
  }

  @Test
  void theLastDayOfTheLegacyListAndTheFirstDayOfThe2025ListShowEachItsOwnUnits() {
    JsonNode before = units("?date=2025-06-30", "vss-demo");
    JsonNode after = units("?date=2025-07-01", "bank-970405-demo");

    assertThat(before.path("listId").asText()).isEqualTo("VN-LEGACY");
    assertThat(before.path("validTo").asText()).isEqualTo("2025-06-30");
    assertThat(before.path("provinces")).hasSize(63);
    assertThat(before.path("communes")).hasSize(10_035);
    assertThat(after.path("listId").asText()).isEqualTo("VN-2025-07-01");
    assertThat(after.path("validFrom").asText()).isEqualTo("2025-07-01");
    assertThat(after.path("provinces")).hasSize(34);
    assertThat(after.path("communes")).hasSize(3_321);
    // the same code, two areas: Vinh's Quang Trung ward until the reform, Thành Vinh ward from it
    assertThat(commune(before, "16681")).isEqualTo("Phường Quang Trung");
    assertThat(commune(after, "16681")).isEqualTo("Phường Thành Vinh");
    // Hà Giang (02) joined Tuyên Quang (08): a province of the legacy list only
    assertThat(units("?date=2025-06-30&provinceCode=02", "dolisa-demo").path("provinces").get(0).toString())
        .isEqualTo("{\"provinceCode\":\"02\",\"name\":\"Tỉnh Hà Giang\",\"communes\":193}");
    HttpResponse<String> gone = get(PATH + "?date=2025-07-01&provinceCode=02", token("dolisa-demo"));
    assertThat(gone.statusCode()).isEqualTo(422);
    assertThat(gone.body()).contains("unknown province 02 in the list valid on 2025-07-01");
    JsonNode ngheAn = units("?date=2025-07-01&provinceCode=40", "dolisa-demo");
    assertThat(ngheAn.path("provinces")).hasSize(1);
    assertThat(ngheAn.path("communes")).hasSize(130).allSatisfy(c ->
        assertThat(c.path("provinceCode").asText()).isEqualTo("40"));
  }

  @Test
  void withoutADateTheListInForceTodayAnswers() {
    JsonNode today = units("", "ops-demo");
    assertThat(today.path("date").asText()).isNotEmpty();
    assertThat(today.path("provinces").size()).isEqualTo(34);
  }

  @Test
  void anyPartnerReadsButOnlyATokenOpensIt() {
    assertThat(get(PATH + "?date=2025-07-01", null).statusCode()).isEqualTo(401);
    assertThat(get(PATH + "?date=2025-07-01&provinceCode=40", token("infosec-demo")).statusCode()).isEqualTo(200);
  }

  @Test
  void badDatesAndCodesAreBadRequests() {
    for (String query : List.of("?date=%2B999999-01-01", "?date=2025-02-30", "?date=2025-7-01", "?date=0001-01-01",
        "?date=abc", "?provinceCode=4", "?provinceCode=040", "?date=2025-07-01&provinceCode=x1")) {
      HttpResponse<String> r = get(PATH + query, token("dolisa-demo"));
      assertThat(r.statusCode()).as(query).isEqualTo(400);
    }
  }

  @Test
  void anOperatorLoadsANewerListThatHoldsFromItsFirstDayAndEndsTheOneBefore() throws IOException {
    String list2025 = Files.readString(Path.of("src/main/resources/reference/admin-units/communes-2025.csv"),
        StandardCharsets.UTF_8);
    // a new commune in Nghệ An, and a new province named in its own column
    String newer = list2025.replace("province_code,commune_code,commune_name,commune_type\n",
        "province_code,commune_code,commune_name,commune_type,province_name\n")
        + "40,99990,Xã Thử Nghiệm,Xã,\n"
        + "99,99991,Phường Mới,Phường,Tỉnh Thử Nghiệm\n";

    assertThat(load("2090-01-01", newer, "dolisa-demo").statusCode()).as("ops.manage only").isEqualTo(403);
    String requestId = "unit-list-" + UUID.randomUUID();
    HttpResponse<String> loaded = postBody(PATH + "?validFrom=2090-01-01", token("ops-demo"), "text/csv; charset=UTF-8",
        newer, "X-Request-Id", requestId);

    assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(201);
    assertThat(loaded.headers().firstValue("Location")).hasValue(PATH + "?date=2090-01-01");
    JsonNode body = Json.read(loaded.body());
    assertThat(body.path("listId").asText()).isEqualTo("VN-2090-01-01");
    assertThat(body.path("communes").asInt()).isEqualTo(3_323);
    assertThat(body.path("provinces").asInt()).isEqualTo(35);
    assertThat(body.path("ended").toString()).isEqualTo("{\"listId\":\"VN-2025-07-01\",\"validTo\":\"2089-12-31\"}");

    JsonNode from = units("?date=2090-01-01&provinceCode=40", "dolisa-demo");
    JsonNode dayBefore = units("?date=2089-12-31&provinceCode=40", "dolisa-demo");
    assertThat(commune(from, "99990")).isEqualTo("Xã Thử Nghiệm");
    assertThat(from.path("provinces").get(0).path("name").asText()).as("the name kept from the list before")
        .isEqualTo("Tỉnh Nghệ An");
    assertThat(commune(dayBefore, "99990")).isNull();
    assertThat(dayBefore.path("listId").asText()).isEqualTo("VN-2025-07-01");
    assertThat(dayBefore.path("validTo").asText()).isEqualTo("2089-12-31");
    assertThat(units("?date=2095-06-01&provinceCode=99", "dolisa-demo").path("provinces").get(0).path("name").asText())
        .isEqualTo("Tỉnh Thử Nghiệm");

    // on the audit trail: who loaded which list
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Json.read(get("/api/v1/audit/events?requestId="
        + requestId, token("infosec-demo")).body()).path("events").toString())
        .contains("\"partner\":\"ops-demo\"", "\"operation\":\"loadAdministrativeUnits\"", "\"status\":201"));

    // a list must start after the one in force last
    HttpResponse<String> older = load("2090-01-01", newer, "ops-demo");
    assertThat(older.statusCode()).as(older.body()).isEqualTo(409);
  }

  @Test
  void aListWithBadRowsIsRefusedWholeNamingEachRow() {
    String bad = "province_code,commune_code,commune_name,commune_type\n"
        + "40,16681,Phường Thành Vinh,Phường\n"
        + "40,1668,Phường Ngắn,Phường\n"
        + "40,16681,Phường Lặp Lại,Phường\n"
        + "77,16999,Xã Không Tỉnh,Xã\n"
        + "40,16998,,Xã\n";

    HttpResponse<String> refused = load("2099-01-01", bad, "ops-demo");

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
    JsonNode errors = Json.read(refused.body()).path("errors");
    assertThat(errors.findValues("row").stream().map(JsonNode::asInt).toList()).containsExactly(2, 3, 4, 5);
    assertThat(refused.body()).contains("commune 16681 is listed already in row 1", "unknown province 77");
    assertThat(units("?date=2099-06-01", "dolisa-demo").path("listId").asText()).isNotEqualTo("VN-2099-01-01");
    assertThat(load("2099-01-01", "province_code,commune_code\n40,16681\n", "ops-demo").statusCode())
        .as("missing columns").isEqualTo(400);
    assertThat(post(PATH, "ops-demo", "province_code,commune_code,commune_name,commune_type\n").statusCode())
        .as("no validFrom").isEqualTo(400);
    assertThat(load("%2B999999-01-01", bad, "ops-demo").statusCode()).isEqualTo(400);
  }

  private HttpResponse<String> load(String validFrom, String csv, String partner) {
    return post(PATH + "?validFrom=" + validFrom, partner, csv);
  }

  private HttpResponse<String> post(String path, String partner, String csv) {
    return postBody(path, token(partner), "text/csv; charset=UTF-8", csv);
  }
}
