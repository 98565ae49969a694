package vn.ansinh.gateway.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.ansinh.gateway.partner.AgencyCircuits;

/**
 * The gateway on a random port, in demo mode with its embedded PostgreSQL, and WireMock standing in
 * for the population database. All HTTP-level tests share this one context (and database).
 */
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"demo", "test"})
public abstract class GatewayHttpTest {

  protected static final WireMockServer registry = startRegistry();
  /** The event stream's Kafka (SPEC §4.17): a real KRaft broker, so every HTTP test also publishes its events. */
  protected static final KafkaBroker kafka = new KafkaBroker(
      Path.of("target", "test-kafka", Long.toString(ProcessHandle.current().pid()))).start();
  /** An OpenTelemetry collector's OTLP/HTTP traces endpoint; never reset, so spans of every test land there. */
  protected static final WireMockServer collector = startCollector();
  private static final Map<String, String> tokens = new ConcurrentHashMap<>();
  protected static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @LocalServerPort
  protected int port;

  @Autowired
  protected CircuitBreaker populationRegistryCircuitBreaker;

  @Autowired
  protected AgencyCircuits.Group walletProviderCircuits;

  private static WireMockServer startRegistry() {
    WireMockServer server = new WireMockServer(options().dynamicPort().containerThreads(40));
    server.start();
    return server;
  }

  private static WireMockServer startCollector() {
    WireMockServer server = new WireMockServer(options().dynamicPort());
    server.start();
    server.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post("/v1/traces")
        .willReturn(com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(200)));
    return server;
  }

  @DynamicPropertySource
  static void gatewayProperties(DynamicPropertyRegistry props) {
    props.add("management.otlp.tracing.endpoint", () -> collector.baseUrl() + "/v1/traces");
    props.add("gateway.agencies.population-registry.url", () -> registry.baseUrl() + "/population");
    props.add("gateway.data-dir", () -> "target/test-data/" + ProcessHandle.current().pid());
    props.add("gateway.banks[970405].url", () -> registry.baseUrl() + "/banks/970405");
    props.add("gateway.banks[970415].url", () -> registry.baseUrl() + "/banks/970415");
    props.add("gateway.notifications[dolisa-demo].url", () -> registry.baseUrl() + "/dolisa/notifications");
    props.add("gateway.notifications[dolisa-demo].format", () -> "DOLISA_JSON");
    props.add("gateway.notifications[vss-demo].url", () -> registry.baseUrl() + "/vss/notifications");
    props.add("gateway.notifications[vss-demo].format", () -> "VSS");
    props.add("gateway.notifications[relief-other-test].url", () -> registry.baseUrl() + "/dolisa/notifications");
    props.add("gateway.notifications[relief-other-test].format", () -> "DOLISA_JSON");
    props.add("gateway.payments.treasury-url", () -> registry.baseUrl() + "/treasury");
    props.add("gateway.events.enabled", () -> "true");
    props.add("gateway.events.bootstrap-servers", kafka::bootstrapServers);
    props.add("gateway.events.ranges-per-event", () -> "1");   // every range an event of its own: tests see a status split
    props.add("gateway.wallets[0].code", () -> "VIETTELMONEY");
    props.add("gateway.wallets[0].name", () -> "Viettel Money");
    props.add("gateway.wallets[0].url", () -> registry.baseUrl() + "/wallets/VIETTELMONEY");
    props.add("gateway.wallets[0].partner", () -> "wallet-viettelmoney-demo");
    props.add("gateway.wallets[1].code", () -> "VNPTMONEY");
    props.add("gateway.wallets[1].name", () -> "VNPT Money");
    props.add("gateway.wallets[1].url", () -> registry.baseUrl() + "/wallets/VNPTMONEY");
    props.add("gateway.wallets[1].partner", () -> "wallet-vnptmoney-demo");
  }

  @BeforeEach
  void resetAgencies() {
    registry.resetAll();
    // an id no test has stubbed is unknown to the population database (a test's own stub wins): a
    // batch an earlier test left in validation ends, instead of calling the registry for ever
    PopulationRegistryStubs.nobodyElse(registry);
    populationRegistryCircuitBreaker.reset();
    walletProviderCircuits.reset();
  }

  /**
   * The population database's requests made while serving test requests: background work of
   * earlier tests (a held batch's eligibility gate, onboarding) runs on and is marked by its
   * request id, {@code outbox-…}, which the registry sees as MaYeuCau.
   */
  protected static List<ServeEvent> registryCallsFromRequests() {
    return registry.getAllServeEvents().stream()
        .filter(e -> !e.getRequest().getBodyAsString().contains("<MaYeuCau>outbox-"))
        .toList();
  }

  protected URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  /** A token for a partner, as a partner would get it (client credentials, HTTP Basic). */
  protected String token(String clientId) {
    return tokens.computeIfAbsent(clientId + "|" + port, k -> fetchToken(clientId, null));
  }

  protected String fetchToken(String clientId, String scope) {
    String secret = clientId.endsWith("-test") ? "test-secret" : "demo-secret";
    String form = "grant_type=client_credentials" + (scope == null ? "" : "&scope=" + scope);
    HttpResponse<String> response = send(HttpRequest.newBuilder(url("/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
    }
    return Json.read(response.body()).get("access_token").asText();
  }

  protected HttpResponse<String> postJson(String path, String token, String json) {
    return postBody(path, token, "application/json", json);
  }

  protected HttpResponse<String> postSoap(String path, String token, String xml) {
    return postBody(path, token, "text/xml; charset=UTF-8", xml);
  }

  protected HttpResponse<String> postBody(String path, String token, String contentType, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      b.headers(headers);
    }
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  protected HttpResponse<String> postEmpty(String path, String token) {
    return send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
        .POST(HttpRequest.BodyPublishers.noBody()).build());
  }

  protected HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  /** Sends, and fails the test when the answer is not one contracts/gateway/openapi.yaml describes. */
  protected static HttpResponse<String> send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException("request failed: " + request.uri(), e);
    }
    ContractCheck.verify(request, response);
    return response;
  }
}
