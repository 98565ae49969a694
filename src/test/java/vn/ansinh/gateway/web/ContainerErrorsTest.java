package vn.ansinh.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.RawHttp;

/**
 * What the servlet container, the security firewall and the /error page refuse is a problem+json
 * with a 4xx, like every other refusal: never Tomcat's HTML page, Spring Boot's default JSON or a 500.
 */
class ContainerErrorsTest extends GatewayHttpTest {

  private static void assertProblem(RawHttp.Answer answer, int status, String what) {
    assertThat(answer.status()).as(what).isEqualTo(status);
    assertThat(answer.header("Content-Type")).as(what).startsWith("application/problem+json");
    JsonNode problem = Json.read(answer.body());
    assertThat(problem.get("status").asInt()).as(what).isEqualTo(status);
    assertThat(problem.get("type").asText()).as(what).startsWith("urn:ansinh:problem:");
    assertThat(answer.body()).as(what).doesNotContain("<html").doesNotContain("timestamp").doesNotContain("Tomcat");
    assertThat(problem.path("requestId").asText()).as(what + ": the problem names its request")
        .isNotEmpty().isEqualTo(answer.header("X-Request-Id"));
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      /api/v1/beneficiaries/a%2Fb                 | an encoded slash
      /api/v1/beneficiaries/a%00b                 | an encoded NUL
      /api/v1/%2e%2e/actuator/health              | an encoded dot-dot
      /api/v1/beneficiaries/x;jsessionid=1        | a path parameter
      /a/../../etc/passwd                         | a path above the root
      /api/v1/beneficiaries/%ZZ                   | a broken percent escape
      /api/v1/audit/events?partner=x%zz           | a broken percent escape in the query
      /api/v1/audit/events?page=%                 | a lone percent sign in the query
      /api/v1/audit/events?partner=%C3%28         | escapes in the query that are not UTF-8
      /api/v1/audit/events?%zz=1                  | a broken escape in a parameter's name
      """)
  void aRefusedAddressIsA400Problem(String path, String what) {
    RawHttp.Answer answer = RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + token("dolisa-demo") + "\r\nConnection: close\r\n\r\n");

    assertProblem(answer, 400, what);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      PUT    | /api/v1/beneficiaries/x/representative
      DELETE | /api/v1/beneficiaries/x/representative
      PATCH  | /api/v1/beneficiaries/x
      PUT    | /api/v1/payment-batches/x/approval
      DELETE | /api/v1/audit/events
      """)
  void aMalformedFormBodyIsNeverA500(String method, String path) {
    String form = "a=%zz&b=%";
    RawHttp.Answer answer = RawHttp.send(port, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + token("dolisa-demo") + "\r\nContent-Type: application/x-www-form-urlencoded\r\n"
        + "Content-Length: " + form.length() + "\r\nConnection: close\r\n\r\n" + form);

    assertThat(answer.status()).as(method + " " + path).isBetween(400, 499);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', textBlock = """
      POST  | /api/v1/citizens/verifications | multipart/form-data
      POST  | /api/v1/citizens/verifications | multipart/form-data; boundary=x
      POST  | /api/v1/payment-batches         | multipart/form-data; boundary=x
      PATCH | /api/v1/beneficiaries/x        | multipart/mixed
      POST  | /oauth2/token                   | multipart/form-data
      """)
  void aMultipartBodyIsNeverA500(String method, String path, String contentType) {
    String body = "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x";   // cut short
    RawHttp.Answer answer = RawHttp.send(port, method + " " + path + " HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + token("dolisa-demo") + "\r\nContent-Type: " + contentType + "\r\n"
        + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);

    assertThat(answer.status()).as(method + " " + path + " " + contentType).isBetween(400, 499);
  }

  @Test
  void callersThatStartABodyAndStopCannotStallTheGateway() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < 220; i++) {   // more than Tomcat's worker threads
        Socket s = new Socket("localhost", port);
        s.getOutputStream().write(("POST /api/v1/citizens/verifications HTTP/1.1\r\nHost: localhost\r\n"
            + "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n{\"a\"").getBytes(StandardCharsets.US_ASCII));
        stalled.add(s);
      }
      Thread.sleep(1000);
      long started = System.nanoTime();
      HttpResponse<String> ready = http.send(HttpRequest.newBuilder(url("/actuator/health/readiness"))
          .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());

      assertThat(ready.statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(8));
    } finally {
      for (Socket s : stalled) {
        s.close();
      }
    }
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      CONNECT /api/v1/beneficiaries HTTP/1.1                                          | a CONNECT
      POST /api/v1/citizens/verifications HTTP/1.1\\r\\nTransfer-Encoding: foo      | a transfer coding that does not exist
      POST /api/v1/citizens/verifications HTTP/1.1\\r\\nTransfer-Encoding: identity | the identity transfer coding
      GET /actuator/health HTTP/1.9                                                   | an HTTP version that does not exist
      """)
  void whatTheContainerDoesNotImplementIsA400Problem(String requestLine, String what) {
    RawHttp.Answer answer = RawHttp.send(port, requestLine.replace("\\r\\n", "\r\n") + "\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + token("dolisa-demo") + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}");

    assertProblem(answer, 400, what);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(delimiter = '|', textBlock = """
      Host: bad host!                    | a Host with a space
      Host: a\\r\\nHost: b               | two Host headers
      """)
  void aBadHostIsA400Problem(String hostLines, String what) {
    RawHttp.Answer answer = RawHttp.send(port, "GET /actuator/health HTTP/1.1\r\n"
        + hostLines.replace("\\r\\n", "\r\n") + "\r\nConnection: close\r\n\r\n");

    assertProblem(answer, 400, what);
  }

  @Test
  void aMalformedChunkedBodyIsA400Problem() {
    RawHttp.Answer answer = RawHttp.send(port, "POST /api/v1/citizens/verifications HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + token("dolisa-demo") + "\r\nContent-Type: application/json\r\n"
        + "X-Request-Id: chunked-0001\r\n"
        + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nzz\r\n{}\r\n0\r\n\r\n");

    assertProblem(answer, 400, "a chunk size that is not hexadecimal");
    assertThat(Json.read(answer.body()).path("requestId").asText())
        .as("the caller's request id, kept through the container's error dispatch").isEqualTo("chunked-0001");
  }

  @Test
  void theErrorPageAskedForDirectlyIsA404Problem() {
    HttpResponse<String> response = get("/error", null);

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        ct -> assertThat(ct).startsWith("application/problem+json"));
    assertThat(response.body()).doesNotContain("999");
  }

  @Test
  void anUnknownCharacterEncodingIs415AndASoapClientFaultOnSoap() {
    HttpResponse<String> rest = postBody("/api/v1/citizens/verifications", token("dolisa-demo"),
        "application/json; charset=no-such-charset", "{}");
    HttpResponse<String> soap = postBody("/ws/citizen", token("dolisa-demo"), "text/xml; charset=no-such-charset",
        "<x/>");

    assertThat(rest.statusCode()).isEqualTo(415);
    assertThat(rest.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
    assertThat(soap.body()).contains("<faultcode>soap:Client</faultcode>").contains("character encoding");
  }
}
