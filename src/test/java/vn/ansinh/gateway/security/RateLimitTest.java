package vn.ansinh.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;

/** SPEC §3: a partner over its rate gets 429 with Retry-After; other partners do not notice. */
class RateLimitTest extends GatewayHttpTest {

  /** Invalid on purpose: answered 400 at once, without calling the population database. */
  private static final String INVALID = """
      {"personalId":"123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}""";
  private static final int LIMITED_PER_SECOND = 3;   // rate-limited-test in application-test.yaml

  private List<HttpResponse<String>> burst(String partner, int requests) {
    String token = token(partner);
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      answers.add(postJson("/api/v1/citizens/verifications", token, INVALID));
    }
    return answers;
  }

  @Test
  void aPartnerOverItsRateGets429WithRetryAfterAndOthersAreUnaffected() throws Exception {
    List<HttpResponse<String>> limited = burst("rate-limited-test", 12);
    List<HttpResponse<String>> other = burst("dolisa-demo", 12);

    List<HttpResponse<String>> refused = limited.stream().filter(r -> r.statusCode() == 429).toList();
    long served = limited.stream().filter(r -> r.statusCode() == 400).count();
    // a burst may straddle the start of a new second: at most two seconds' worth get through
    assertThat(served).isBetween((long) LIMITED_PER_SECOND, 2L * LIMITED_PER_SECOND);
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

  @Test
  void requestsWithoutAValidTokenAreNotCountedAgainstAPartner() {
    for (int i = 0; i < 10; i++) {
      assertThat(postJson("/api/v1/citizens/verifications", null, INVALID).statusCode()).isEqualTo(401);
    }
  }
}
