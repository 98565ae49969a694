package vn.ansinh.gateway.citizen;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** The population database misbehaves; callers get a clear 503/504 or SOAP Server fault within 5 s. */
class PopulationRegistryFaultsTest extends GatewayHttpTest {

  private static final String AN = """
      {"personalId":"040090000123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}""";
  private static final Duration PROMISE = Duration.ofSeconds(5);

  private void registryAnswers(ResponseDefinitionBuilder answer) {
    registry.stubFor(post(urlEqualTo("/population")).willReturn(answer));
  }

  private HttpResponse<String> verifyWithinPromise(Supplier<HttpResponse<String>> call) {
    long start = System.nanoTime();
    HttpResponse<String> response = call.get();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(PROMISE);
    return response;
  }

  private HttpResponse<String> verifyOverRest() {
    return verifyWithinPromise(() -> postJson("/api/v1/citizens/verifications", token("dolisa-demo"), AN));
  }

  @Test
  void aConnectionResetIs503WithRetryAfter() {
    registryAnswers(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    HttpResponse<String> response = verifyOverRest();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    assertThat(Json.read(response.body()).get("type").asText()).isEqualTo("urn:ansinh:problem:agency-unavailable");
  }

  @Test
  void a503FromTheRegistryIs503() {
    registryAnswers(aResponse().withStatus(503).withBody("busy"));

    HttpResponse<String> response = verifyOverRest();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Json.read(response.body()).get("detail").asText()).contains("HTTP 503");
  }

  @Test
  void aRegistryThatHangsFor30SecondsIs504WithinFiveSeconds() {
    registryAnswers(PopulationRegistryStubs.soap("<x/>").withFixedDelay(30_000));

    HttpResponse<String> response = verifyOverRest();

    assertThat(response.statusCode()).isEqualTo(504);
    JsonNode problem = Json.read(response.body());
    assertThat(problem.get("type").asText()).isEqualTo("urn:ansinh:problem:agency-timeout");
    assertThat(problem.has("requestId")).isTrue();
  }

  @Test
  void malformedXmlFromTheRegistryIs503() {
    registryAnswers(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody("<soap:Envelope><oops"));

    HttpResponse<String> response = verifyOverRest();

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(Json.read(response.body()).get("detail").asText()).contains("malformed");
  }

  @Test
  void aDtdFromTheRegistryIsNotFollowed() {
    registryAnswers(aResponse().withStatus(200).withHeader("Content-Type", "text/xml").withBody(
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
            + "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"><soap:Body>&e;</soap:Body></soap:Envelope>"));

    assertThat(verifyOverRest().statusCode()).isEqualTo(503);
  }

  @Test
  void soapCallersGetAServerFaultWithinFiveSeconds() {
    registryAnswers(PopulationRegistryStubs.soap("<x/>").withFixedDelay(30_000));

    HttpResponse<String> response = verifyWithinPromise(() -> postSoap("/ws/citizen", token("dolisa-demo"),
        CitizenVerificationSoapTest.verifyCitizen("040090000123", "Nguyễn Văn An", "1990-05-17")));

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(response.body()).contains("<faultcode>soap:Server</faultcode>").contains("did not answer in time");
  }

  @Test
  void theCircuitOpensAfterRepeatedFailuresAndClosesAfterRecovery() {
    registryAnswers(aResponse().withStatus(503));
    for (int i = 0; i < 5; i++) {
      assertThat(verifyOverRest().statusCode()).isEqualTo(503);
    }
    assertThat(populationRegistryCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);

    // while open, callers are answered at once and the registry is left alone (background work,
    // such as a held batch's eligibility gate, goes through the same circuit)
    int before = registry.findAll(postRequestedFor(urlEqualTo("/population"))).size();
    HttpResponse<String> whileOpen = verifyOverRest();
    assertThat(whileOpen.statusCode()).isEqualTo(503);
    assertThat(Json.read(whileOpen.body()).get("detail").asText()).contains("circuit is open");
    assertThat(registry.findAll(postRequestedFor(urlEqualTo("/population")))).hasSize(before);
    assertThat(before).isBetween(1, 5);
    // shown with its state, without failing the instance's own health or readiness
    HttpResponse<String> health = get("/actuator/health", null);
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(Json.read(health.body()).at("/components/populationRegistry/status").asText()).isEqualTo("CIRCUIT_OPEN");
    assertThat(Json.read(health.body()).at("/components/populationRegistry/details/circuit").asText()).isEqualTo("OPEN");
    assertThat(Json.read(health.body()).at("/status").asText()).isEqualTo("UP");
    assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);

    // the registry recovers; after the open wait, trial calls succeed and the circuit closes
    registry.resetAll();
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
        assertThat(postJson("/api/v1/citizens/verifications", token("dolisa-demo"), AN).statusCode()).isEqualTo(200));
    for (int i = 0; i < 3; i++) {
      assertThat(verifyOverRest().statusCode()).isEqualTo(200);
    }
    assertThat(populationRegistryCircuitBreaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }
}
