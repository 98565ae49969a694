package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.ForkedGateway;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;
import vn.ansinh.gateway.support.RoundRobinNginx;

/**
 * Two gateway instances on one PostgreSQL behind nginx round-robin, with no cookie affinity: a
 * staff member signs in and reads the audit trail while every request may land on the other
 * instance; partners submit and approve a batch across both; one instance is killed with SIGKILL
 * while it sends the files and the other finishes — every payment in exactly one file.
 */
class TwoReplicasBehindNginxTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final String VERIFIER = "a-code-verifier-of-forty-three-characters-or-more-1234";
  private static final String AGRIBANK = "/banks/970405/payments/pain001";

  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final HttpClient http = HttpClient.newHttpClient();
  private String origin;

  @Test
  void anyReplicaServesAnyStepAndOneFinishesWhatTheOtherStarted() throws Exception {
    WireMockServer agencies = new WireMockServer(options().dynamicPort().containerThreads(20));
    agencies.start();
    agencies.stubFor(post(urlEqualTo("/treasury/payment-orders")).willReturn(aResponse().withStatus(202)));
    PopulationRegistryStubs.everyoneIs(agencies, "Nguyễn Văn An");
    agencies.stubFor(post(urlEqualTo(AGRIBANK)).willReturn(aResponse().withStatus(202).withFixedDelay(2000)));
    agencies.stubFor(post(urlEqualTo("/banks/970415/payments/pain001")).willReturn(aResponse().withStatus(202)));
    Path root = Path.of("target", "two-replicas", Long.toString(System.nanoTime())).toAbsolutePath();
    Path signingKey = Files.createDirectories(root).resolve("token-signing.pem");
    Files.writeString(signingKey, "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
        .encodeToString(rsaKey()) + "\n-----END PRIVATE KEY-----\n");
    int proxyPort = RoundRobinNginx.freePort();
    origin = "http://127.0.0.1:" + proxyPort;
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String[] shared = {
          "--gateway.database.embedded=false",
          "--spring.datasource.url=" + postgres.getJdbcUrl("postgres", "postgres"),
          "--spring.datasource.username=postgres",
          "--gateway.security.signing-key-location=" + signingKey,
          "--gateway.staff.console.redirect-uris[0]=" + origin + "/audit/index.html",
          "--gateway.payments.treasury-url=" + agencies.baseUrl() + "/treasury",
          "--gateway.agencies.population-registry.url=" + agencies.baseUrl() + "/population",
          "--gateway.payments.max-transactions-per-file=3",
          "--gateway.banks[970405].url=" + agencies.baseUrl() + "/banks/970405",
          "--gateway.banks[970415].url=" + agencies.baseUrl() + "/banks/970415",
          "--gateway.outbox.backoff-base=200ms",
          "--gateway.agencies.background.response-timeout-ms=60000"};
      try (ForkedGateway a = new ForkedGateway(root.resolve("a"), shared);
           ForkedGateway b = new ForkedGateway(root.resolve("b"), shared);
           RoundRobinNginx nginx = RoundRobinNginx.start(root.resolve("nginx"), proxyPort, a.port(), b.port())) {
        a.start(2);
        b.start(2);

        String staffToken = signInAsAuditor();
        assertThat(nginx.answeredBy()).as("the sign-in's steps landed on both instances")
            .contains("127.0.0.1:" + a.port(), "127.0.0.1:" + b.port());
        for (int i = 0; i < 4; i++) {
          assertThat(get("/api/v1/audit/events?partner=auditor-demo", staffToken).statusCode())
              .as("the staff token on whichever instance answers").isEqualTo(200);
        }

        paymentCycleWithAKill(a, agencies, nginx, b);
      } finally {
        agencies.stop();
      }
    }
  }

  private void paymentCycleWithAKill(ForkedGateway a, WireMockServer agencies, RoundRobinNginx nginx, ForkedGateway b)
      throws Exception {
    PaymentCrashSafetyTest.TwentyPayments list = PaymentCrashSafetyTest.TwentyPayments.of("FLEET-", 700);
    List<String> ids = list.ids();
    long sum = list.sum();
    String payer = token("dolisa-demo");
    HttpResponse<String> accepted = send(HttpRequest.newBuilder(URI.create(origin
            + "/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2026-11"))
        .header("Authorization", "Bearer " + payer).header("Content-Type", "text/csv")
        .header("X-Control-Count", "20").header("X-Control-Sum", Long.toString(sum))
        .POST(HttpRequest.BodyPublishers.ofString(list.csv(), StandardCharsets.UTF_8)).build());
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String batchId = Json.read(accepted.body()).path("batchId").asText();
    await().atMost(Duration.ofSeconds(60)).until(() -> "AWAITING_APPROVAL".equals(batch(batchId, payer).path("status").asText()));
    HttpResponse<String> approval = send(HttpRequest.newBuilder(URI.create(origin + "/api/v1/payment-batches/" + batchId
            + "/approval")).header("Authorization", "Bearer " + token("treasury-demo"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(approval.statusCode()).as(approval.body()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> !agencies.findAll(postRequestedFor(urlEqualTo(AGRIBANK))).isEmpty());
    a.killMinus9();   // files in flight from either instance; the survivor takes over what A held

    await().atMost(Duration.ofSeconds(120)).until(() -> "DISPATCHED".equals(batch(batchId, payer).path("status").asText()));
    assertThat(b.alive()).isTrue();
    BankFiles files = BankFiles.receivedBy(agencies, "FLEET-");
    files.assertEachFileAddsUp();
    assertThat(files.byMsgId()).hasSize(8);   // 10 payments per bank, 3 per file
    assertThat(files.endToEndIds()).as("each payment in exactly one file").containsExactlyInAnyOrderElementsOf(ids);
    assertThat(files.sum()).isEqualTo(sum);
    assertThat(nginx.answeredBy()).contains("127.0.0.1:" + b.port());
  }

  private JsonNode batch(String batchId, String token) {
    return Json.read(get("/api/v1/payment-batches/" + batchId, token).body());
  }

  private String token(String client) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(origin + "/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((client + ":demo-secret").getBytes()))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    return Json.read(r.body()).get("access_token").asText();
  }

  private HttpResponse<String> get(String path, String token) {
    return send(HttpRequest.newBuilder(URI.create(origin + path)).header("Authorization", "Bearer " + token).GET().build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The authorization-code flow with PKCE, as the audit page's browser does it, step by step through nginx. */
  private String signInAsAuditor() throws Exception {
    String redirectUri = origin + "/audit/index.html";
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(VERIFIER.getBytes(StandardCharsets.US_ASCII));
    String authorize = "/oauth2/authorize?response_type=code&client_id=gateway-console&state=s-1&scope=audit.read"
        + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
        + "&code_challenge_method=S256&code_challenge=" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    assertThat(whereTo(page(authorize))).endsWith("/login");
    HttpResponse<String> loginPage = page("/login");
    Matcher csrf = CSRF.matcher(loginPage.body());
    assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
    String next = whereTo(form("/login", Map.of("username", "auditor-demo", "password", "demo-password",
        "_csrf", csrf.group(1))));
    assertThat(next).as("signed in, back to the authorization").contains("/oauth2/authorize");
    String back = whereTo(page(next));
    assertThat(back).startsWith(redirectUri + "?code=");
    Matcher code = Pattern.compile("[?&]code=([^&]+)").matcher(back);
    assertThat(code.find()).isTrue();
    HttpResponse<String> token = form("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code.group(1),
        "redirect_uri", redirectUri, "client_id", "gateway-console", "code_verifier", VERIFIER));
    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    return Json.read(token.body()).get("access_token").asText();
  }

  private HttpResponse<String> page(String pathOrUrl) throws Exception {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : origin + pathOrUrl;
    return browser.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
    String body = fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return browser.send(HttpRequest.newBuilder(URI.create(origin + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private static String whereTo(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("HTTP " + response.statusCode());
  }

  private static byte[] rsaKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair().getPrivate().getEncoded();
  }
}
