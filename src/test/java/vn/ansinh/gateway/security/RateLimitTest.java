package vn.ansinh.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;

/** SPEC §3: a partner over its rate gets 429 with Retry-After; other partners do not notice. */
class RateLimitTest extends GatewayHttpTest {

  /** Invalid on purpose: answered 400 at once, without calling the population database. */
  private static final String INVALID = """
      {"personalId":"123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}""";
  private static final int LIMITED_PER_SECOND = 3;   // rate-limited-test in application-test.yaml

  /** The requests at once, from as many threads: well inside one second. */
  private List<HttpResponse<String>> burst(String partner, int requests) throws Exception {
    String token = token(partner);
    ExecutorService threads = Executors.newFixedThreadPool(requests);
    try {
      List<Future<HttpResponse<String>>> sent = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        sent.add(threads.submit(() -> postJson("/api/v1/citizens/verifications", token, INVALID)));
      }
      List<HttpResponse<String>> answers = new ArrayList<>();
      for (Future<HttpResponse<String>> f : sent) {
        answers.add(f.get(10, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void aPartnerOverItsRateGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
    token("rate-limited-test");   // the token request is not an API call, but take it first all the same
    long started = System.nanoTime();
    List<HttpResponse<String>> limited = burst("rate-limited-test", 12);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    List<HttpResponse<String>> other = burst("dolisa-demo", 12);

    List<HttpResponse<String>> refused = limited.stream().filter(r -> r.statusCode() == 429).toList();
    long served = limited.stream().filter(r -> r.statusCode() == 400).count();
    // a burst may straddle the start of a new second: one more second's worth may get through
    assertThat(served).isBetween((long) LIMITED_PER_SECOND, (seconds + 2) * LIMITED_PER_SECOND);
    assertThat(refused).hasSize(limited.size() - (int) served);
    HttpResponse<String> tooMany = refused.get(0);
    assertThat(tooMany.headers().firstValue("Retry-After")).hasValue("1");
    assertThat(tooMany.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(Json.read(tooMany.body()).path("status").asInt()).isEqualTo(429);
    assertThat(other).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(400));

    Thread.sleep(1_100);
    assertThat(burst("rate-limited-test", 1).get(0).statusCode()).as("a new second, new permits").isEqualTo(400);
  }
}
