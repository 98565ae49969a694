package vn.ansinh.gateway.citizen;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingXPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

class CitizenVerificationRestTest extends GatewayHttpTest {

  private static final String AN = """
      {"personalId":"040090000123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}""";

  @Test
  void verifiesAnAgainstThePopulationDatabaseOverSoap() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);

    HttpResponse<String> response = postJson("/api/v1/citizens/verifications", token("dolisa-demo"), AN);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = Json.read(response.body());
    assertThat(body.get("personalId").asText()).isEqualTo("040090000123");
    assertThat(body.get("match").asBoolean()).isTrue();
    assertThat(body.get("mismatches")).isEmpty();
    assertThat(body.get("deceased").asBoolean()).isFalse();
    assertThat(body.get("verifiedAt").asText()).endsWith("Z");
    // the JSON request became a TraCuuThongTinCongDan lookup in the registry's own namespace
    registry.verify(postRequestedFor(urlEqualTo("/population"))
        .withHeader("SOAPAction", containing("TraCuuThongTinCongDan"))
        .withRequestBody(matchingXPath("//d:TraCuuThongTinCongDan/d:SoDinhDanh[text()='040090000123']")
            .withXPathNamespace("d", "http://dancuquocgia.bca"))
        .withRequestBody(matchingXPath("//d:TraCuuThongTinCongDan/d:MaDVC")
            .withXPathNamespace("d", "http://dancuquocgia.bca")));
  }

  @Test
  void reportsTheDeceasedAndTheMismatches() {
    PopulationRegistryStubs.citizen(registry, "001045000789", "Lê Văn Bình", "19450819", true);

    JsonNode deceased = Json.read(postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
        "{\"personalId\":\"001045000789\",\"fullName\":\"Lê Văn Bình\",\"dateOfBirth\":\"1945-08-19\"}").body());
    JsonNode wrong = Json.read(postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
        "{\"personalId\":\"001045000789\",\"fullName\":\"Le Van Binh\",\"dateOfBirth\":\"1945-08-18\"}").body());

    assertThat(deceased.get("match").asBoolean()).isTrue();
    assertThat(deceased.get("deceased").asBoolean()).isTrue();
    assertThat(wrong.get("match").asBoolean()).isFalse();
    assertThat(wrong.get("mismatches")).extracting(JsonNode::asText).containsExactly("fullName", "dateOfBirth");
  }

  @Test
  void matchesNamesWhateverTheToneMarkPlacementButNeverWithoutDiacritics() {
    PopulationRegistryStubs.citizen(registry, "044301000456", "Trần Thị Hoà", "20010203", false);

    JsonNode newStyle = Json.read(postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
        "{\"personalId\":\"044301000456\",\"fullName\":\"  trần  thị HÒA \",\"dateOfBirth\":\"2001-02-03\"}").body());
    JsonNode stripped = Json.read(postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
        "{\"personalId\":\"044301000456\",\"fullName\":\"Tran Thi Hoa\",\"dateOfBirth\":\"2001-02-03\"}").body());

    assertThat(newStyle.get("match").asBoolean()).isTrue();
    assertThat(stripped.get("mismatches")).extracting(JsonNode::asText).containsExactly("fullName");
  }

  @Test
  void anUnknownIdIsAPersonalIdMismatch() {
    PopulationRegistryStubs.unknown(registry, "079188001235");

    JsonNode body = Json.read(postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
        "{\"personalId\":\"079188001235\",\"fullName\":\"Phạm Thị Lan\",\"dateOfBirth\":\"1988-11-30\"}").body());

    assertThat(body.get("match").asBoolean()).isFalse();
    assertThat(body.get("mismatches")).extracting(JsonNode::asText).containsExactly("personalId");
  }

  @Test
  void echoesTheCallersRequestIdOrMakesOne() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);

    HttpResponse<String> given = send(HttpRequest.newBuilder(url("/api/v1/citizens/verifications"))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "application/json")
        .header("X-Request-Id", "dolisa-2026-11-23-0001").POST(HttpRequest.BodyPublishers.ofString(AN)).build());
    HttpResponse<String> forged = send(HttpRequest.newBuilder(url("/api/v1/citizens/verifications"))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "application/json")
        .header("X-Request-Id", "x\" forged=1").POST(HttpRequest.BodyPublishers.ofString(AN)).build());
    HttpResponse<String> none = postJson("/api/v1/citizens/verifications", token("dolisa-demo"), AN);

    assertThat(given.headers().firstValue("X-Request-Id")).contains("dolisa-2026-11-23-0001");
    assertThat(forged.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).hasSize(36));
    assertThat(none.headers().firstValue("X-Request-Id")).hasValueSatisfying(id -> assertThat(id).isNotBlank());
    // the registry is told which request it serves (MaYeuCau)
    registry.verify(postRequestedFor(urlEqualTo("/population"))
        .withRequestBody(containing("<MaYeuCau>dolisa-2026-11-23-0001</MaYeuCau>")));
  }

  @Test
  void publishesTheContractsAndHealth() {
    HttpResponse<String> openapi = get("/contracts/gateway/openapi.yaml", null);
    HttpResponse<String> wsdl = get("/ws/citizen?wsdl", null);
    HttpResponse<String> apiPage = get("/api-docs", null);
    HttpResponse<String> health = get("/actuator/health", null);

    assertThat(openapi.statusCode()).isEqualTo(200);
    assertThat(openapi.body()).contains("/citizens/verifications");
    assertThat(wsdl.body()).contains("VerifyCitizen").contains("urn:ansinh:gateway:citizen:v1");
    assertThat(apiPage.statusCode()).isIn(200, 302);
    assertThat(Json.read(health.body()).at("/components/populationRegistry/details/circuit").asText())
        .isEqualTo("CLOSED");
    assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
  }

  @Test
  void exposesMetricsPerRouteAndPerPartnerToOperators() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    postJson("/api/v1/citizens/verifications", token("dolisa-demo"), AN);

    HttpResponse<String> metrics = get("/actuator/prometheus", token("ops-demo"));
    HttpResponse<String> forPartner = get("/actuator/prometheus", token("dolisa-demo"));

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("gateway_requests_seconds_count{")
        .containsPattern("gateway_requests_seconds_count\\{[^}]*partner=\"dolisa-demo\"")
        .containsPattern("routeId=\"citizen-verification\"");
    assertThat(forPartner.statusCode()).isEqualTo(403);
  }
}
