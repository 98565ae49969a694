package vn.ansinh.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;

/**
 * The time a refused sign-in takes tells nothing about the name: an unknown name, a staff user's
 * wrong password and a locked-out staff user take about as long as each other.
 */
class SignInTimingTest extends GatewayHttpTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final List<String> STAFF = List.of("timed-a-test", "timed-b-test", "timed-c-test");

  /** Milliseconds of one refused sign-in POST, on a browser session of its own. */
  private long refusal(String username, String password) throws Exception {
    HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    String origin = "http://127.0.0.1:" + port;
    HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(origin + "/login")).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    Matcher csrf = CSRF.matcher(page.body());
    assertThat(csrf.find()).isTrue();
    String form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
    HttpRequest post = HttpRequest.newBuilder(URI.create(origin + "/login"))
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build();
    long start = System.nanoTime();
    HttpResponse<String> answer = browser.send(post, HttpResponse.BodyHandlers.ofString());
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(answer.headers().firstValue("Location").orElse("")).as(username).endsWith("/login?error");
    return millis;
  }

  private static long median(List<Long> samples) {
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  @Test
  void anUnknownNameAWrongPasswordAndALockedOutUserCostTheSame() throws Exception {
    for (int i = 0; i < 5; i++) {
      refusal("warm-up-" + i, "x");
    }
    List<Long> unknown = new ArrayList<>();
    List<Long> wrongPassword = new ArrayList<>();
    List<Long> lockedOut = new ArrayList<>();
    for (String staff : STAFF) {
      // the test profile locks a user out after 3 wrong passwords, for 2 s
      for (int i = 0; i < 3; i++) {
        unknown.add(refusal("nobody-" + staff + "-" + i, "guess-" + i));
        wrongPassword.add(refusal(staff, "guess-" + i));
      }
      for (int i = 0; i < 3; i++) {
        lockedOut.add(refusal(staff, "test-password"));
      }
    }
    long u = median(unknown);
    long w = median(wrongPassword);
    long l = median(lockedOut);
    long fastest = Math.min(u, Math.min(w, l));
    long slowest = Math.max(u, Math.max(w, l));

    assertThat(slowest).as("medians: unknown %d ms, wrong password %d ms, locked out %d ms", u, w, l)
        .isLessThanOrEqualTo(3 * fastest + 30);
  }
}
