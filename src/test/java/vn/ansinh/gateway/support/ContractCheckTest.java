package vn.ansinh.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The contract check itself: it must fail on answers the contract does not describe. */
class ContractCheckTest {

  private record Answer(int statusCode, String body, HttpHeaders headers) implements HttpResponse<String> {

    static Answer of(int status, String contentType, String body, String... moreHeaders) {
      Map<String, List<String>> headers = new java.util.HashMap<>(Map.of("Content-Type", List.of(contentType)));
      for (int i = 0; i < moreHeaders.length; i += 2) {
        headers.put(moreHeaders[i], List.of(moreHeaders[i + 1]));
      }
      return new Answer(status, body, HttpHeaders.of(headers, (a, b) -> true));
    }

    @Override
    public HttpRequest request() {
      return null;
    }

    @Override
    public Optional<HttpResponse<String>> previousResponse() {
      return Optional.empty();
    }

    @Override
    public Optional<SSLSession> sslSession() {
      return Optional.empty();
    }

    @Override
    public URI uri() {
      return null;
    }

    @Override
    public HttpClient.Version version() {
      return HttpClient.Version.HTTP_1_1;
    }
  }

  private static final String PROBLEM = "application/problem+json";

  private static String problem(int status) {
    return "{\"type\":\"urn:ansinh:problem:x\",\"title\":\"x\",\"status\":" + status + ",\"detail\":\"x\"}";
  }

  @Test
  void aDocumentedAnswerPasses() {
    assertThat(ContractCheck.mismatches("POST", "/api/v1/citizens/verifications", Answer.of(200, "application/json",
        "{\"personalId\":\"040090000123\",\"match\":true,\"mismatches\":[],\"deceased\":false,"
            + "\"verifiedAt\":\"2026-11-23T09:00:00Z\"}"))).isEmpty();
    assertThat(ContractCheck.mismatches("GET", "/api/v1/payment-batches/x", Answer.of(429, PROBLEM, problem(429),
        "Retry-After", "1"))).isEmpty();
  }

  @Test
  void anUndocumentedStatusFails() {
    assertThat(ContractCheck.mismatches("GET", "/api/v1/beneficiaries/x", Answer.of(418, PROBLEM, problem(418))))
        .isNotEmpty();
  }

  @Test
  void aBodyOffTheSchemaFails() {
    assertThat(ContractCheck.mismatches("POST", "/api/v1/citizens/verifications", Answer.of(200, "application/json",
        "{\"personalId\":\"040090000123\",\"match\":\"yes\"}"))).isNotEmpty();
  }

  @Test
  void aRateLimitAnswerWithoutRetryAfterFails() {
    assertThat(ContractCheck.mismatches("GET", "/api/v1/payment-batches/x", Answer.of(429, PROBLEM, problem(429))))
        .isNotEmpty();
  }

  @Test
  void anUndocumentedPathMayOnlyBeDenied() {
    assertThat(ContractCheck.mismatches("GET", "/api/v1/secret", Answer.of(403, PROBLEM, problem(403)))).isEmpty();
    assertThat(ContractCheck.mismatches("GET", "/api/v1/secret", Answer.of(200, "application/json", "{}")))
        .isNotEmpty();
    assertThat(ContractCheck.mismatches("PUT", "/api/v1/beneficiaries/x", Answer.of(405, PROBLEM, problem(405))))
        .as("405 without Allow").isNotEmpty();
    assertThat(ContractCheck.mismatches("PUT", "/api/v1/beneficiaries/x", Answer.of(405, PROBLEM, problem(405),
        "Allow", "GET"))).isEmpty();
  }

  @Test
  void answersOutsideTheRestApiAreNotItsBusiness() {
    assertThat(ContractCheck.mismatches("GET", "/actuator/health", Answer.of(200, "application/json", "{}")))
        .isEmpty();
  }
}
