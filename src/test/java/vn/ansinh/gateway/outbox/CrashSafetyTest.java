package vn.ansinh.gateway.outbox;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.ForkedGateway;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * After a 202 the work survives a kill -9: a gateway JVM is forked, killed outright, and started
 * again on the same data; the bank then gets the request — once, or again with the same key when
 * the kill came while the call was in flight.
 */
class CrashSafetyTest {

  private static final String BANK = "/banks/970405/accounts/opening-requests";
  private WireMockServer agencies;
  private ForkedGateway gateway;

  @BeforeEach
  void agencies() throws Exception {
    agencies = new WireMockServer(options().dynamicPort());
    agencies.start();
    PopulationRegistryStubs.citizen(agencies, "040090000123", "Nguyễn Văn An", "19900517", false);
    gateway = new ForkedGateway(Path.of("target", "crash-test", Long.toString(System.nanoTime())),
        "--gateway.outbox.backoff-base=200ms",
        "--gateway.agencies.population-registry.url=" + agencies.baseUrl() + "/population",
        "--gateway.banks[970405].url=" + agencies.baseUrl() + "/banks/970405",
        "--gateway.agencies.background.response-timeout-ms=60000");
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    agencies.stop();
  }

  private int register(String beneficiaryId) {
    return gateway.postJson("/api/v1/beneficiaries", gateway.token("dolisa-demo"), """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"040090000123",
         "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","preferredBankBin":"970405"}"""
        .formatted(beneficiaryId)).statusCode();
  }

  private String statusOf(String beneficiaryId) {
    return Json.read(gateway.get("/api/v1/beneficiaries/" + beneficiaryId, gateway.token("dolisa-demo")).body())
        .path("status").asText();
  }

  @Test
  void acceptedWorkSurvivesKillMinus9AndIsDeliveredOnceAfterRestart() throws Exception {
    agencies.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202)));
    gateway.start(0);   // accepts registrations but runs no outbox work: the kill lands before any delivery
    assertThat(register("CRASH-1")).isEqualTo(202);
    gateway.killMinus9();

    gateway.start(2);

    await().atMost(Duration.ofSeconds(30)).until(() -> "ACCOUNT_REQUESTED".equals(statusOf("CRASH-1")));
    Thread.sleep(1000);   // a second delivery, if there were one, would come now
    agencies.verify(1, postRequestedFor(urlEqualTo(BANK)).withRequestBody(containing("CRASH-1")));
  }

  @Test
  void aCallCutOffByKillMinus9IsRepeatedWithTheSameIdempotencyKey() throws Exception {
    agencies.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202).withFixedDelay(60_000)));
    gateway.start(2);
    assertThat(register("CRASH-2")).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> !agencies.findAll(postRequestedFor(urlEqualTo(BANK))).isEmpty());
    String firstKey = agencies.findAll(postRequestedFor(urlEqualTo(BANK))).get(0).getHeader("Idempotency-Key");
    gateway.killMinus9();   // the bank has the request; the gateway never saw the answer

    agencies.resetAll();
    PopulationRegistryStubs.citizen(agencies, "040090000123", "Nguyễn Văn An", "19900517", false);
    agencies.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202)));
    gateway.start(2);

    await().atMost(Duration.ofSeconds(30)).until(() -> "ACCOUNT_REQUESTED".equals(statusOf("CRASH-2")));
    List<LoggedRequest> again = agencies.findAll(postRequestedFor(urlEqualTo(BANK)));
    assertThat(again).hasSize(1);
    assertThat(again.get(0).getHeader("Idempotency-Key")).isEqualTo(firstKey);
  }
}
