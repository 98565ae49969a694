package vn.ansinh.gateway.web;

import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.ForkedGateway;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * No request is answered before the routes it needs run, nor once shutdown has begun: a forked
 * gateway is probed from its very first answer until it is ready, then stopped with a request in flight.
 */
class ReadinessTest {

  private static final String AN = "{\"personalId\":\"040090000123\",\"fullName\":\"Nguyễn Văn An\",\"dateOfBirth\":\"1990-05-17\"}";
  private WireMockServer registry;
  private ForkedGateway gateway;

  @BeforeEach
  void fork() throws Exception {
    registry = new WireMockServer(options().dynamicPort());
    registry.start();
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    gateway = new ForkedGateway(Path.of("target", "readiness-test", Long.toString(System.nanoTime())),
        "--gateway.agencies.population-registry.url=" + registry.baseUrl() + "/population");
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    registry.stop();
  }

  private Optional<HttpResponse<String>> verify(String token) {
    HttpRequest.Builder r = gateway.request("/api/v1/citizens/verifications").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(AN, StandardCharsets.UTF_8));
    if (token != null) {
      r.header("Authorization", "Bearer " + token);
    }
    return gateway.tryRequest(r);
  }

  private Optional<HttpResponse<String>> soap() {
    return gateway.tryRequest(gateway.request("/ws/citizen").header("Content-Type", "text/xml; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString("<x/>")));
  }

  private Optional<String> token() {
    return gateway.tryRequest(gateway.request("/oauth2/token")
            .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("dolisa-demo:demo-secret".getBytes()))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")))
        .filter(r -> r.statusCode() == 200).map(r -> Json.read(r.body()).get("access_token").asText());
  }

  private static void assertNotReadyProblem(HttpResponse<String> r) {
    assertThat(r.statusCode()).as("answered before the routes run: %s", r.body()).isEqualTo(503);
    assertThat(r.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(r.headers().firstValue("Retry-After")).isPresent();
    assertThat(r.body()).contains("not-ready");
  }

  @Test
  void apiCallsAre503UntilTheRoutesRunAndAgainOnceShutdownBegins() throws Exception {
    gateway.launch(2);
    List<HttpResponse<String>> beforeReady = new ArrayList<>();
    String token = null;
    long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
    while (!gateway.ready()) {
      assertThat(gateway.alive()).as("the gateway died; see " + gateway.folder().resolve("console.log")).isTrue();
      assertThat(System.nanoTime()).as("the gateway did not get ready").isLessThan(deadline);
      token = token != null ? token : token().orElse(null);
      if (token != null) {   // without one the answer is a 401, which needs no route
        verify(token).ifPresent(beforeReady::add);
      }
      soap().ifPresent(beforeReady::add);
      Thread.sleep(20);
    }
    // the probes met Tomcat answering while the routes did not run yet; a call that lands between
    // the routes starting and the next readiness probe may already be answered in full, and a call
    // without a token (the SOAP probe) is a 401, which needs no route
    assertThat(beforeReady).isNotEmpty().anyMatch(r -> r.statusCode() == 503);
    beforeReady.stream().filter(r -> r.statusCode() != 200 && r.statusCode() != 401)
        .forEach(ReadinessTest::assertNotReadyProblem);

    token = token != null ? token : token().orElseThrow();
    HttpResponse<String> ready = verify(token).orElseThrow();
    assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);

    // shutdown with a request in flight: it finishes; what comes after it is refused, never half-served
    registry.stubFor(post(urlEqualTo("/population")).willReturn(PopulationRegistryStubs.soap(
        PopulationRegistryStubs.lookupAnswer("040090000123", "Nguyễn Văn An", "19900517", false)).withFixedDelay(2000)));
    String bearer = token;
    CompletableFuture<Optional<HttpResponse<String>>> inFlight = CompletableFuture.supplyAsync(() -> verify(bearer));
    Thread.sleep(500);
    gateway.terminate();
    Thread.sleep(200);   // the shutdown hook has begun: from here on, nothing new is served
    List<HttpResponse<String>> afterStop = new ArrayList<>();
    while (gateway.alive() && !inFlight.isDone()) {
      verify(token).ifPresent(afterStop::add);
      Thread.sleep(50);
    }
    assertThat(inFlight.get().orElseThrow().statusCode()).isEqualTo(200);
    afterStop.forEach(ReadinessTest::assertNotReadyProblem);
    assertThat(gateway.exitsWithin(Duration.ofSeconds(40))).as("shutdown ends within its grace period").isTrue();
  }
}
