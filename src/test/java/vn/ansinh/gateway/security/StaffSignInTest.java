package vn.ansinh.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;

/**
 * Staff sign in the way a browser does — the authorization-code flow with PKCE on the embedded
 * authorization server — and get a token that carries only what that person holds.
 */
class StaffSignInTest extends GatewayHttpTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final String VERIFIER = "a-code-verifier-of-forty-three-characters-or-more-1234";

  /** A browser: its own cookies, redirects looked at one by one. */
  private final HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
      .followRedirects(HttpClient.Redirect.NEVER).build();

  private String origin() {
    return "http://127.0.0.1:" + port;
  }

  private String redirectUri() {
    return origin() + "/audit/index.html";
  }

  private HttpResponse<String> go(HttpRequest request) throws Exception {
    return browser.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  private HttpResponse<String> page(String pathOrUrl) throws Exception {
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : origin() + pathOrUrl;
    return go(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET().build());
  }

  private HttpResponse<String> form(String path, Map<String, String> fields) throws Exception {
    String body = fields.entrySet().stream()
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return go(HttpRequest.newBuilder(URI.create(origin() + path))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body))
        .build());
  }

  private static String challenge(String verifier) throws Exception {
    byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
  }

  private String authorizePath(String scope, String redirectUri, boolean pkce) throws Exception {
    return "/oauth2/authorize?response_type=code&client_id=gateway-console&state=s-1"
        + "&scope=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
        + "&redirect_uri=" + URLEncoder.encode(redirectUri, StandardCharsets.UTF_8)
        + (pkce ? "&code_challenge_method=S256&code_challenge=" + challenge(VERIFIER) : "");
  }

  /**
   * Visits the authorize endpoint, is sent to the sign-in page (unless already signed in), signs
   * in, and returns where it ends up: a redirect's address, or "HTTP status" when it stays.
   */
  private String signIn(String username, String password, String authorizePath) throws Exception {
    String next = whereTo(page(authorizePath));
    if (next.endsWith("/login")) {
      HttpResponse<String> loginPage = page("/login");
      assertThat(loginPage.statusCode()).isEqualTo(200);
      Matcher csrf = CSRF.matcher(loginPage.body());
      assertThat(csrf.find()).as("the sign-in form carries a CSRF token").isTrue();
      next = whereTo(form("/login", Map.of("username", username, "password", password, "_csrf", csrf.group(1))));
      if (next.contains("/login?error")) {
        return next;
      }
      next = whereTo(page(next));
    }
    return next;
  }

  private static String whereTo(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("HTTP " + response.statusCode());
  }

  private static String code(String location) {
    Matcher m = Pattern.compile("[?&]code=([^&]+)").matcher(location);
    assertThat(m.find()).as("a code in " + location).isTrue();
    return m.group(1);
  }

  private HttpResponse<String> exchange(String code, String verifier) throws Exception {
    return form("/oauth2/token", Map.of("grant_type", "authorization_code", "code", code,
        "redirect_uri", redirectUri(), "client_id", "gateway-console", "code_verifier", verifier));
  }

  private static JsonNode claims(String accessToken) {
    return Json.read(new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  @Test
  void theDemoAuditorSignsInAndReadsTheAuditTrailButNothingElse() throws Exception {
    String back = signIn("auditor-demo", "demo-password", authorizePath("audit.read", redirectUri(), true));
    assertThat(back).startsWith(redirectUri() + "?code=").contains("state=s-1");

    HttpResponse<String> token = exchange(code(back), VERIFIER);
    assertThat(token.statusCode()).isEqualTo(200);
    String accessToken = Json.read(token.body()).get("access_token").asText();
    JsonNode claims = claims(accessToken);
    assertThat(claims.get("sub").asText()).isEqualTo("auditor-demo");
    assertThat(claims.get("client_id").asText()).isEqualTo("gateway-console");
    assertThat(claims.get("scope").toString()).isEqualTo("[\"audit.read\"]");

    assertThat(get("/api/v1/audit/events?partner=auditor-demo", accessToken).statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/dead-letters", accessToken).statusCode()).isEqualTo(403);
    // the trail names the person who looked (events are written a few milliseconds after the answer)
    await().atMost(Duration.ofSeconds(5)).until(() -> !Json.read(get(
        "/api/v1/audit/events?partner=auditor-demo&operation=searchAuditEvents", accessToken).body()).get("events").isEmpty());
  }

  @Test
  void signingOutEndsTheSessionSoTheNextVisitAsksAgain() throws Exception {
    String authorize = authorizePath("audit.read", redirectUri(), true);
    assertThat(signIn("auditor-demo", "demo-password", authorize)).contains("code=");
    assertThat(whereTo(page(authorize))).as("still signed in").contains("code=");
    HttpResponse<String> signOutPage = page("/logout");
    Matcher csrf = CSRF.matcher(signOutPage.body());
    assertThat(csrf.find()).isTrue();
    assertThat(whereTo(form("/logout", Map.of("_csrf", csrf.group(1))))).endsWith("/login?logout");
    assertThat(whereTo(page(authorize))).endsWith("/login");
  }

  @Test
  void aCodeIsGoodOnceAndOnlyWithItsVerifier() throws Exception {
    String code = code(signIn("auditor-demo", "demo-password", authorizePath("audit.read", redirectUri(), true)));
    assertThat(exchange(code, "another-verifier-of-forty-three-characters-or-more-99").statusCode()).isEqualTo(400);
    String again = code(signIn("auditor-demo", "demo-password", authorizePath("audit.read", redirectUri(), true)));
    assertThat(exchange(again, VERIFIER).statusCode()).isEqualTo(200);
    assertThat(exchange(again, VERIFIER).statusCode()).as("the same code twice").isEqualTo(400);
  }

  @Test
  void aStaffUserWithoutTheRightGetsATokenThatOpensNothing() throws Exception {
    String back = signIn("clerk-test", "test-password", authorizePath("audit.read", redirectUri(), true));
    String accessToken = Json.read(exchange(code(back), VERIFIER).body()).get("access_token").asText();
    assertThat(claims(accessToken).get("scope").toString()).isEqualTo("[]");
    assertThat(get("/api/v1/audit/events", accessToken).statusCode()).isEqualTo(403);
  }

  @Test
  void aWrongPasswordStaysOnTheSignInPageAndBothAttemptsAreOnTheRecord() throws Exception {
    assertThat(signIn("auditor-demo", "not-the-password", authorizePath("audit.read", redirectUri(), true)))
        .endsWith("/login?error");
    assertThat(signIn("auditor-demo", "demo-password", authorizePath("audit.read", redirectUri(), true)))
        .contains("code=");
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      JsonNode events = Json.read(get("/api/v1/audit/events?service=staff-sign-in&size=2", token("infosec-demo"))
          .body()).get("events");
      assertThat(events).hasSize(2);
      assertThat(events.get(0).get("partner").asText()).isEqualTo("auditor-demo");
      assertThat(events.get(0).get("outcome").asText()).isEqualTo("OK");
      assertThat(events.get(1).get("partner").asText()).isEqualTo("anonymous");
      assertThat(events.get(1).get("outcome").asText()).isEqualTo("UNAUTHENTICATED");
    });
  }

  @Test
  void threeWrongPasswordsLockTheUserOutForAWhileEvenWithTheRightOne() throws Exception {
    String authorize = authorizePath("audit.read", redirectUri(), true);
    for (int i = 0; i < 3; i++) {
      assertThat(signIn("guessed-test", "guess-" + i, authorize)).endsWith("/login?error");
    }
    assertThat(signIn("guessed-test", "test-password", authorize)).as("locked").endsWith("/login?error");
    // the test profile locks for 2 s
    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        assertThat(signIn("guessed-test", "test-password", authorize)).contains("code="));
  }

  @Test
  void theConsoleClientNeedsPkceAndARegisteredPage() throws Exception {
    HttpResponse<String> noPkce = page(authorizePath("audit.read", redirectUri(), false));
    assertThat(noPkce.headers().firstValue("Location").orElse(""))
        .startsWith(redirectUri() + "?error=invalid_request").doesNotContain("code=");
    HttpResponse<String> elsewhere = page(authorizePath("audit.read", "https://attacker.example/audit/index.html", true));
    assertThat(elsewhere.statusCode()).isEqualTo(400);
    assertThat(elsewhere.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void partnersCannotUseTheBrowserFlowAndMachinesGetProblemJson() throws Exception {
    HttpResponse<String> machine = go(HttpRequest.newBuilder(URI.create(origin() + authorizePath("audit.read",
        redirectUri(), true))).header("Accept", "application/json").GET().build());
    assertThat(machine.statusCode()).isEqualTo(401);
    assertThat(machine.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    // a partner system's client id cannot start a browser sign-in
    String partner = signIn("auditor-demo", "demo-password", authorizePath("audit.read", redirectUri(), true)
        .replace("client_id=gateway-console", "client_id=infosec-demo"));
    assertThat(partner).contains("error=unauthorized_client").doesNotContain("code=");
  }
}
