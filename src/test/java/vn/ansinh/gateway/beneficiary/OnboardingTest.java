package vn.ansinh.gateway.beneficiary;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.stream.Stream;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Register → identity check → account-opening request to the bank, through the outbox. */
class OnboardingTest extends GatewayHttpTest {

  private static final String BANK = "/banks/970405/accounts/opening-requests";

  @BeforeEach
  void agenciesAnswer() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    PopulationRegistryStubs.citizen(registry, "001045000789", "Lê Văn Bình", "19450819", true);
    registry.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202).withBody("{}")));
  }

  private static String an(String beneficiaryId) {
    return """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"040090000123",
         "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","gender":"MALE","provinceCode":"40",
         "communeCode":"16681","phone":"0912345678","preferredBankBin":"970405"}""".formatted(beneficiaryId);
  }

  private static String uniqueId() {
    return "NA-" + UUID.randomUUID().toString().substring(0, 13);
  }

  private String statusOf(String id, String partner) {
    return Json.read(get("/api/v1/beneficiaries/" + id, token(partner)).body()).path("status").asText();
  }

  private void awaitStatus(String id, String status) {
    await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(statusOf(id, "dolisa-demo")).isEqualTo(status));
  }

  @Test
  void aSocialInsuranceNumberIsKeptAndShownAndAMalformedOneIsRefusedWithoutEchoingIt() {
    String id = uniqueId();
    String withNumber = an(id).replace("\"preferredBankBin\"", "\"socialInsuranceNumber\":\"4001234567\",\"preferredBankBin\"");
    String malformed = an(uniqueId()).replace("\"preferredBankBin\"", "\"socialInsuranceNumber\":\"40012345X\",\"preferredBankBin\"");

    HttpResponse<String> accepted = postJson("/api/v1/beneficiaries", token("dolisa-demo"), withNumber);
    HttpResponse<String> refused = postJson("/api/v1/beneficiaries", token("dolisa-demo"), malformed);

    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    assertThat(Json.read(get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).body())
        .path("socialInsuranceNumber").asText()).isEqualTo("4001234567");
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Json.read(refused.body()).at("/errors/0/field").asText()).isEqualTo("socialInsuranceNumber");
    assertThat(refused.body()).doesNotContain("40012345X");
  }

  @Test
  void aVerifiedBeneficiaryIsAskedForAtThePreferredBankOnce() {
    String id = uniqueId();

    HttpResponse<String> accepted = postJson("/api/v1/beneficiaries", token("dolisa-demo"), an(id));

    assertThat(accepted.statusCode()).isEqualTo(202);
    assertThat(accepted.headers().firstValue("Location")).contains("/api/v1/beneficiaries/" + id);
    assertThat(Json.read(accepted.body()).get("status").asText()).isEqualTo("VERIFYING");
    awaitStatus(id, "ACCOUNT_REQUESTED");
    registry.verify(1, postRequestedFor(urlEqualTo(BANK))
        .withRequestBody(containing("\"beneficiaryId\":\"" + id + "\""))
        .withHeader("Idempotency-Key", containing("AO-")));
  }

  @Test
  void theDeceasedAndMismatchingIdentitiesStopBeforeTheBank() {
    String deceased = uniqueId();
    String mismatch = uniqueId();
    postJson("/api/v1/beneficiaries", token("dolisa-demo"), an(deceased)
        .replace("040090000123", "001045000789").replace("Nguyễn Văn An", "Lê Văn Bình")
        .replace("1990-05-17", "1945-08-19"));
    postJson("/api/v1/beneficiaries", token("dolisa-demo"), an(mismatch).replace("Nguyễn Văn An", "Nguyễn Văn Ân"));

    awaitStatus(deceased, "DECEASED");
    awaitStatus(mismatch, "IDENTITY_MISMATCH");
    registry.verify(0, postRequestedFor(urlEqualTo(BANK)).withRequestBody(containing(deceased)));
    registry.verify(0, postRequestedFor(urlEqualTo(BANK)).withRequestBody(containing(mismatch)));
  }

  static Stream<Arguments> bankFaults() {
    return Stream.of(
        Arguments.of("503", aResponse().withStatus(503), "HTTP 503"),
        Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "could not be reached"),
        Arguments.of("hang", aResponse().withStatus(202).withFixedDelay(5_000), "did not answer in time"),
        Arguments.of("malformed", aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), "could not be reached"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bankFaults")
  void aFailingBankIsRetriedThenDeadLetteredThenReplayedToSuccess(String fault, ResponseDefinitionBuilder answer,
      String reason) {
    registry.stubFor(post(urlEqualTo(BANK)).willReturn(answer));
    String id = uniqueId();
    postJson("/api/v1/beneficiaries", token("dolisa-demo"), an(id));

    JsonNode dead = await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200)).until(
        () -> deadLetterFor(id), d -> d != null);
    // retried for gateway.outbox.retry-for (600 ms in tests), then dead-lettered
    int attempts = dead.get("attempts").asInt();
    assertThat(attempts).isGreaterThanOrEqualTo(2);
    assertThat(dead.get("lastError").asText()).contains(reason);
    registry.verify(attempts, postRequestedFor(urlEqualTo(BANK)).withRequestBody(containing(id)));
    assertThat(statusOf(id, "dolisa-demo")).isEqualTo("VERIFYING");

    registry.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202)));
    HttpResponse<String> replay = postEmpty("/api/v1/dead-letters/" + dead.get("id").asLong() + "/replay", token("ops-demo"));

    assertThat(replay.statusCode()).isEqualTo(202);
    awaitStatus(id, "ACCOUNT_REQUESTED");
    assertThat(deadLetterFor(id)).isNull();
    assertThat(postEmpty("/api/v1/dead-letters/" + dead.get("id").asLong() + "/replay", token("ops-demo")).statusCode())
        .isEqualTo(404);
  }

  private JsonNode deadLetterFor(String beneficiaryId) {
    for (JsonNode d : Json.read(get("/api/v1/dead-letters?size=500", token("ops-demo")).body()).get("deadLetters")) {
      if (beneficiaryId.equals(d.get("subject").asText())) {
        return d;
      }
    }
    return null;
  }

  @Test
  void aBacklogIsWorkedThroughWithExactlyOneBankRequestPerBeneficiary() {
    List<String> ids = java.util.stream.IntStream.range(0, 60).mapToObj(i -> uniqueId()).toList();
    ids.forEach(id -> assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), an(id)).statusCode())
        .isEqualTo(202));

    ids.forEach(id -> awaitStatus(id, "ACCOUNT_REQUESTED"));
    Map<String, Long> perBeneficiary = registry.getAllServeEvents().stream()
        .filter(e -> e.getRequest().getUrl().equals(BANK)).map(ServeEvent::getRequest)
        .map(r -> Json.read(r.getBodyAsString()).get("beneficiaryId").asText())
        .filter(ids::contains)
        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    assertThat(perBeneficiary).hasSize(60).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
  }

  @Test
  void aBeneficiaryBelongsToTheAgencyThatRegisteredIt() {
    String id = uniqueId();
    postJson("/api/v1/beneficiaries", token("dolisa-demo"), an(id));

    assertThat(get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/beneficiaries/" + id, token("vss-demo")).statusCode()).isEqualTo(404);
    assertThat(get("/api/v1/beneficiaries/" + id, token("ops-demo")).statusCode()).isEqualTo(403);
    awaitStatus(id, "ACCOUNT_REQUESTED");   // no work left behind for the next test
  }

  @Test
  void badRegistrationsAreRefusedAndNothingIsQueued() {
    String id = uniqueId();
    HttpResponse<String> bad = postJson("/api/v1/beneficiaries", token("dolisa-demo"), an(id)
        .replace("\"MALE\"", "\"FEMALE\"").replace("970405", "123456").replace("0912345678", "12345"));

    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(Json.read(bad.body()).get("errors")).extracting(e -> e.get("field").asText())
        .contains("gender", "preferredBankBin", "phone");
    assertThat(get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).statusCode()).isEqualTo(404);

    assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), an(id)).statusCode()).isEqualTo(202);
    assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), an(id)).statusCode()).isEqualTo(409);
    assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"),
        an(id).replace("SOCIAL_ALLOWANCE", "LOTTERY")).statusCode()).isEqualTo(400);
    awaitStatus(id, "ACCOUNT_REQUESTED");   // no work left behind for the next test
  }
}
