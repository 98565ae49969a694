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
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.GatewayApplication;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * After a 202 the work survives a kill -9: a gateway JVM is forked, killed outright, and started
 * again on the same data; the bank then gets the request — once, or again with the same key when
 * the kill came while the call was in flight.
 */
class CrashSafetyTest {

  private static final String BANK = "/banks/970405/accounts/opening-requests";
  private final HttpClient http = HttpClient.newHttpClient();
  private WireMockServer agencies;
  private Path dataDir;
  private Process gateway;
  private int port;

  @BeforeEach
  void agencies() throws Exception {
    agencies = new WireMockServer(options().dynamicPort());
    agencies.start();
    PopulationRegistryStubs.citizen(agencies, "040090000123", "Nguyễn Văn An", "19900517", false);
    dataDir = Files.createDirectories(Path.of("target", "crash-test", Long.toString(System.nanoTime())));
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
  }

  @AfterEach
  void stop() throws Exception {
    if (gateway != null && gateway.isAlive()) {
      gateway.destroy();
      gateway.waitFor();
    }
    agencies.stop();
  }

  private void start(int workers) {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classpath,
        GatewayApplication.class.getName(),
        "--server.port=" + port,
        "--gateway.data-dir=" + dataDir.toAbsolutePath(),
        "--gateway.simulators.enabled=false",
        "--gateway.outbox.workers=" + workers,
        "--gateway.outbox.backoff-base=200ms",
        "--gateway.agencies.population-registry.url=" + agencies.baseUrl() + "/population",
        "--gateway.banks[970405].url=" + agencies.baseUrl() + "/banks/970405",
        "--gateway.agencies.background.response-timeout-ms=60000",
        "--logging.file.name=" + dataDir.toAbsolutePath().resolve("gateway.log")));
    try {
      // its own working folder: with exploded classes, Camel also finds routes/ under the working folder
      gateway = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true)
          .redirectOutput(dataDir.toAbsolutePath().resolve("console.log").toFile()).start();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot fork the gateway", e);
    }
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
      assertThat(gateway.isAlive()).as("the forked gateway died; see " + dataDir).isTrue();
      return status("/actuator/health/readiness") == 200;
    });
  }

  private void killMinus9() throws InterruptedException {
    gateway.destroyForcibly();   // SIGKILL: no shutdown hook, no graceful stop
    gateway.waitFor();
  }

  private int status(String path) {
    try {
      return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return 0;
    }
  }

  private String token() throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString("dolisa-demo:demo-secret".getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.read(r.body()).get("access_token").asText();
  }

  private int register(String beneficiaryId) throws Exception {
    String body = """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"040090000123",
         "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","preferredBankBin":"970405"}""".formatted(beneficiaryId);
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/beneficiaries"))
        .header("Authorization", "Bearer " + token()).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode();
  }

  private String statusOf(String beneficiaryId) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(
            URI.create("http://localhost:" + port + "/api/v1/beneficiaries/" + beneficiaryId))
        .header("Authorization", "Bearer " + token()).GET().build(), HttpResponse.BodyHandlers.ofString());
    return Json.read(r.body()).path("status").asText();
  }

  @Test
  void acceptedWorkSurvivesKillMinus9AndIsDeliveredOnceAfterRestart() throws Exception {
    agencies.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202)));
    start(0);   // accepts registrations but runs no outbox work: the kill lands before any delivery
    assertThat(register("CRASH-1")).isEqualTo(202);
    killMinus9();

    start(2);

    await().atMost(Duration.ofSeconds(30)).until(() -> "ACCOUNT_REQUESTED".equals(statusOf("CRASH-1")));
    Thread.sleep(1000);   // a second delivery, if there were one, would come now
    agencies.verify(1, postRequestedFor(urlEqualTo(BANK)).withRequestBody(containing("CRASH-1")));
  }

  @Test
  void aCallCutOffByKillMinus9IsRepeatedWithTheSameIdempotencyKey() throws Exception {
    agencies.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202).withFixedDelay(60_000)));
    start(2);
    assertThat(register("CRASH-2")).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> !agencies.findAll(postRequestedFor(urlEqualTo(BANK))).isEmpty());
    String firstKey = agencies.findAll(postRequestedFor(urlEqualTo(BANK))).get(0).getHeader("Idempotency-Key");
    killMinus9();   // the bank has the request; the gateway never saw the answer

    agencies.resetAll();
    PopulationRegistryStubs.citizen(agencies, "040090000123", "Nguyễn Văn An", "19900517", false);
    agencies.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202)));
    start(2);

    await().atMost(Duration.ofSeconds(30)).until(() -> "ACCOUNT_REQUESTED".equals(statusOf("CRASH-2")));
    List<LoggedRequest> again = agencies.findAll(postRequestedFor(urlEqualTo(BANK)));
    Set<String> keys = again.stream().map(r -> r.getHeader("Idempotency-Key")).collect(Collectors.toSet());
    assertThat(again).hasSize(1);
    assertThat(keys).containsExactly(firstKey);
  }
}
