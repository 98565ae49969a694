package vn.ansinh.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;

/** Bad input gets a clear 4xx or SOAP Client fault, fast, and no agency is called. */
class BadInputTest extends GatewayHttpTest {

  private HttpResponse<String> verify(String json) {
    return postJson("/api/v1/citizens/verifications", token("dolisa-demo"), json);
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(delimiter = '|', textBlock = """
      04009000012    | 1990-05-17 | personalId  | eleven digits
      04009000012X   | 1990-05-17 | personalId  | a letter
      003090000123   | 1990-05-17 | personalId  | a province code outside the legacy table
      097090000123   | 1990-05-17 | personalId  | a province code above 096
      040690000123   | 1990-05-17 | personalId  | a century digit above 5
      040290000123   | 1990-05-17 | dateOfBirth | the 2000s century digit with a 1990 birth date
      040091000123   | 1990-05-17 | dateOfBirth | birth year 1991 in the id, 1990 in the date
      040290000123   | 2090-05-17 | personalId  | a birth year in the future
      """)
  void eachPersonalIdRuleIsA400BeforeAnyAgencyIsCalled(String id, String dob, String field, String rule) {
    HttpResponse<String> response = verify(
        "{\"personalId\":\"" + id + "\",\"fullName\":\"Nguyễn Văn An\",\"dateOfBirth\":\"" + dob + "\"}");

    assertThat(response.statusCode()).as(rule).isEqualTo(400);
    JsonNode problem = Json.read(response.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:ansinh:problem:invalid-request");
    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains(field);
    assertThat(response.body()).doesNotContain(id);
    assertThat(registry.getAllServeEvents()).isEmpty();
  }

  @Test
  void missingFieldsAreListed() {
    JsonNode problem = Json.read(verify("{\"personalId\":\"040090000123\"}").body());

    assertThat(problem.get("errors")).extracting(e -> e.get("field").asText()).contains("fullName", "dateOfBirth");
  }

  @Test
  void malformedJsonIs400() {
    HttpResponse<String> response = verify("{\"personalId\": \"0400900");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(response.body()).contains("not well-formed JSON").doesNotContain("Exception").doesNotContain("at vn.");
  }

  @Test
  void anImpossibleDateIs400NamingTheField() {
    JsonNode problem = Json.read(verify(
        "{\"personalId\":\"040090000123\",\"fullName\":\"An\",\"dateOfBirth\":\"1990-02-30\"}").body());

    assertThat(problem.get("status").asInt()).isEqualTo(400);
    assertThat(problem.at("/errors/0/field").asText()).isEqualTo("dateOfBirth");
  }

  @Test
  void theWrongContentTypeIs415() {
    HttpResponse<String> response = send(HttpRequest.newBuilder(url("/api/v1/citizens/verifications"))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("040090000123")).build());

    assertThat(response.statusCode()).isEqualTo(415);
    assertThat(Json.read(response.body()).get("status").asInt()).isEqualTo(415);
  }

  @Test
  void aFiveMegabyteFieldIs413() {
    String huge = "A".repeat(5 * 1024 * 1024);

    HttpResponse<String> response = verify(
        "{\"personalId\":\"040090000123\",\"fullName\":\"" + huge + "\",\"dateOfBirth\":\"1990-05-17\"}");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(Json.read(response.body()).get("type").asText()).isEqualTo("urn:ansinh:problem:payload-too-large");
  }

  @Test
  void aFiveMegabyteChunkedBodyIs413Too() {
    byte[] huge = ("{\"personalId\":\"040090000123\",\"fullName\":\"" + "A".repeat(5 * 1024 * 1024) + "\"}").getBytes();
    HttpResponse<String> response = send(HttpRequest.newBuilder(url("/api/v1/citizens/verifications"))
        .header("Authorization", "Bearer " + token("dolisa-demo")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void anExternalEntityInSoapIsAClientFaultAndNothingIsRead() {
    long start = System.nanoTime();
    HttpResponse<String> response = postSoap("/ws/citizen", token("dolisa-demo"), """
        <?xml version="1.0"?>
        <!DOCTYPE v [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="urn:ansinh:gateway:citizen:v1">
          <soap:Body><v:VerifyCitizenRequest><v:personalId>&xxe;</v:personalId><v:fullName>An</v:fullName>
          <v:dateOfBirth>1990-05-17</v:dateOfBirth></v:VerifyCitizenRequest></soap:Body></soap:Envelope>""");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(response.body()).contains("<faultcode>soap:Client</faultcode>");
    assertThat(response.body()).doesNotContain(hostname());
    assertThat(registry.getAllServeEvents()).isEmpty();
  }

  @Test
  void aBillionLaughsSoapBodyIsAClientFaultFast() {
    StringBuilder dtd = new StringBuilder("<!DOCTYPE v [<!ENTITY l0 \"ha\">");
    for (int i = 1; i <= 10; i++) {
      dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
    }
    dtd.append("]>");
    long start = System.nanoTime();
    HttpResponse<String> response = postSoap("/ws/citizen", token("dolisa-demo"), "<?xml version=\"1.0\"?>" + dtd + """
        <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="urn:ansinh:gateway:citizen:v1">
          <soap:Body><v:VerifyCitizenRequest><v:personalId>&l10;</v:personalId><v:fullName>An</v:fullName>
          <v:dateOfBirth>1990-05-17</v:dateOfBirth></v:VerifyCitizenRequest></soap:Body></soap:Envelope>""");

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    assertThat(response.body()).contains("<faultcode>soap:Client</faultcode>");
    assertThat(registry.getAllServeEvents()).isEmpty();
  }

  private static String hostname() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/etc/hostname")).trim();
    } catch (java.io.IOException e) {
      return "no-hostname-file";
    }
  }
}
