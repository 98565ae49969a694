package vn.ansinh.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;

/** SPEC §3: a known path with another method is 405 with Allow, after authentication, never 403. */
class WrongMethodTest extends GatewayHttpTest {

  private HttpResponse<String> call(String method, String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).method(method, HttpRequest.BodyPublishers.noBody());
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  private static void isMethodNotAllowed(HttpResponse<String> response, String allowed) {
    assertThat(response.statusCode()).isEqualTo(405);
    assertThat(response.headers().firstValue("Allow")).hasValue(allowed);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/problem+json"));
  }

  @Test
  void aKnownPathWithAnotherMethodIs405WithTheMethodsItTakes() {
    isMethodNotAllowed(call("PUT", "/api/v1/beneficiaries/NA-1", token("dolisa-demo")), "GET, PATCH");
    isMethodNotAllowed(call("GET", "/api/v1/beneficiaries/NA-1/suspension", token("dolisa-demo")), "POST, DELETE");
    isMethodNotAllowed(call("DELETE", "/api/v1/payment-batches/some-batch", token("dolisa-demo")), "GET");
    isMethodNotAllowed(call("GET", "/api/v1/citizens/verifications", token("dolisa-demo")), "POST");
    isMethodNotAllowed(call("GET", "/api/v1/payment-batches/some-batch/approval", token("treasury-demo")), "POST");
    HttpResponse<String> patch = call("PATCH", "/api/v1/dead-letters", token("ops-demo"));
    isMethodNotAllowed(patch, "GET");
    assertThat(Json.read(patch.body()).path("status").asInt()).isEqualTo(405);
  }

  @Test
  void theMethodIsCheckedOnlyAfterTheToken() {
    HttpResponse<String> anonymous = call("PUT", "/api/v1/beneficiaries/NA-1", null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    // a partner without any right to the service still learns only that the method is wrong
    isMethodNotAllowed(call("DELETE", "/api/v1/audit/events", token("dolisa-demo")), "GET");
  }

  @Test
  void headAndOptionsDoNotRunAReadWithoutItsScope() {
    // HEAD would otherwise reach the GET handler past the scope rule meant for GET
    isMethodNotAllowed(call("HEAD", "/api/v1/beneficiaries/NA-1", token("ops-demo")), "GET, PATCH");
    isMethodNotAllowed(call("OPTIONS", "/api/v1/payment-batches/x/payments", token("ops-demo")), "GET");
  }

  @Test
  void anUnknownPathIsStillDeniedByDefault() {
    assertThat(call("GET", "/api/v1/no-such-thing", token("dolisa-demo")).statusCode()).isEqualTo(403);
  }
}
