package vn.ansinh.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.RawHttp;

/**
 * What anyone can reach without a token: redirects that never carry a forged Host header, staff
 * pages under a Content-Security-Policy with no inline script, and health without filesystem paths.
 */
class PublicPagesTest extends GatewayHttpTest {

  private static final String EVIL = "evil.example";
  // the sign-in session's cookie (Spring Session's, held in the database)
  private static final Pattern SESSION = Pattern.compile("SESSION=([^;]+)");
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private RawHttp.Answer getWithHost(String path, String host, String extraHeaders) {
    return RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/html\r\n" + extraHeaders
        + "Connection: close\r\n\r\n");
  }

  private String authorizePath() {
    return "/oauth2/authorize?response_type=code&client_id=gateway-console&state=s&scope=audit.read"
        + "&redirect_uri=" + URLEncoder.encode("http://127.0.0.1:" + port + "/audit/index.html", StandardCharsets.UTF_8)
        + "&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";
  }

  @ParameterizedTest
  @ValueSource(strings = {"/audit", "/reports"})
  void staffPageRedirectsIgnoreAForgedHost(String page) {
    RawHttp.Answer answer = getWithHost(page, EVIL, "");

    assertThat(answer.status()).isEqualTo(302);
    assertThat(answer.header("Location")).isEqualTo(page + "/index.html");
  }

  @Test
  void theSignInFlowNeverRedirectsToAForgedHost() {
    RawHttp.Answer authorize = getWithHost(authorizePath(), EVIL, "");
    assertThat(authorize.status()).isEqualTo(302);
    assertThat(authorize.header("Location")).doesNotContain(EVIL).endsWith("/login");
    Matcher session = SESSION.matcher(String.valueOf(authorize.header("Set-Cookie")));
    assertThat(session.find()).isTrue();
    String cookie = "Cookie: SESSION=" + session.group(1) + "\r\n";

    RawHttp.Answer signInPage = getWithHost("/login", EVIL, cookie);
    assertThat(signInPage.body()).doesNotContain(EVIL);
    Matcher csrf = CSRF.matcher(signInPage.body());
    assertThat(csrf.find()).isTrue();
    String form = "username=auditor-demo&password=demo-password&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    RawHttp.Answer signedIn = RawHttp.send(port, "POST /login HTTP/1.1\r\nHost: " + EVIL + "\r\n" + cookie
        + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length()
        + "\r\nConnection: close\r\n\r\n" + form);

    assertThat(signedIn.status()).isEqualTo(302);
    assertThat(signedIn.header("Location")).doesNotContain(EVIL).startsWith("/oauth2/authorize?");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/audit/index.html", "/reports/index.html", "/login", "/logout"})
  void staffPagesCarryAContentSecurityPolicy(String page) {
    HttpResponse<String> response = get(page, null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
        .contains("default-src 'self'").contains("frame-ancestors 'none'").doesNotContain("unsafe-inline"));
    assertNoInlineScript(page, response.body());
  }

  @Test
  void noStaticPageHasAnInlineScriptOrHandler() throws IOException {
    Resource[] pages = new PathMatchingResourcePatternResolver().getResources("classpath*:static/**/*.html");
    assertThat(pages).isNotEmpty();
    for (Resource page : pages) {
      assertNoInlineScript(page.getFilename(), page.getContentAsString(StandardCharsets.UTF_8));
    }
  }

  private static void assertNoInlineScript(String name, String html) {
    assertThat(Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>", Pattern.CASE_INSENSITIVE).matcher(html).find())
        .as(name + ": an inline <script>").isFalse();
    assertThat(Pattern.compile("\\son[a-z]+\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find())
        .as(name + ": an inline event handler").isFalse();
    assertThat(Pattern.compile("\\sstyle\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find())
        .as(name + ": an inline style").isFalse();
    assertThat(html).as(name).doesNotContain("javascript:");
  }

  @Test
  void anonymousHealthShowsNoFilesystemPath() {
    HttpResponse<String> health = get("/actuator/health", null);

    assertThat(health.body()).contains("diskSpace").doesNotContain("\"path\"")
        .doesNotContain(System.getProperty("user.dir"));
  }
}
