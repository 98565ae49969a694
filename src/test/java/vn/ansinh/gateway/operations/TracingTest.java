package vn.ansinh.gateway.operations;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * One trace from a partner's request to the agencies it reaches, the outbox work it queues
 * included: the W3C traceparent the agencies receive, the trace id in the audit trail, and the
 * spans at an OTLP collector.
 */
class TracingTest extends GatewayHttpTest {

  private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");
  private static final String BANK = "/banks/970405/accounts/opening-requests";
  private static final String AN = """
      {"personalId":"040090000123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}""";

  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void agenciesAnswer() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    registry.stubFor(post(urlEqualTo(BANK)).willReturn(aResponse().withStatus(202).withBody("{}")));
  }

  private static String newTraceId() {
    byte[] id = new byte[16];
    ThreadLocalRandom.current().nextBytes(id);
    id[0] |= 1;   // never all zeros, which W3C calls invalid
    return HexFormat.of().formatHex(id);
  }

  /** The trace and span ids of the traceparent the agency received, failing when there was none. */
  private static Matcher traceparentAt(ServeEvent call) {
    String header = call.getRequest().getHeader("traceparent");
    assertThat(header).as("traceparent sent to " + call.getRequest().getUrl()).isNotNull();
    Matcher m = TRACEPARENT.matcher(header);
    assertThat(m.matches()).as(header).isTrue();
    return m;
  }

  private List<ServeEvent> callsTo(String url) {
    return registry.getAllServeEvents().stream().filter(e -> e.getRequest().getUrl().equals(url)).toList();
  }

  private JsonNode auditEventsOf(String traceId) {
    return Json.read(get("/api/v1/audit/events?traceId=" + traceId, token("infosec-demo")).body()).get("events");
  }

  @Test
  void aPartnersTraceReachesThePopulationDatabaseAndTheAuditTrail() {
    String traceId = newTraceId();
    String callerSpan = "00f067aa0ba902b7";

    HttpResponse<String> answer = postBody("/api/v1/citizens/verifications", token("dolisa-demo"), "application/json",
        AN, "traceparent", "00-" + traceId + "-" + callerSpan + "-01");

    assertThat(answer.statusCode()).isEqualTo(200);
    Matcher sent = traceparentAt(callsTo("/population").get(0));
    assertThat(sent.group(1)).isEqualTo(traceId);
    assertThat(sent.group(2)).as("the agency call is a span of its own").isNotEqualTo(callerSpan);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      JsonNode events = auditEventsOf(traceId);
      assertThat(events).extracting(e -> e.get("direction").asText()).containsExactlyInAnyOrder("INBOUND", "OUTBOUND");
      assertThat(events).allSatisfy(e -> assertThat(e.get("traceId").asText()).isEqualTo(traceId));
    });
  }

  @Test
  void outboxWorkContinuesTheTraceOfTheRequestThatQueuedIt() {
    String traceId = newTraceId();
    String id = "TR-" + UUID.randomUUID().toString().substring(0, 13);

    HttpResponse<String> accepted = postBody("/api/v1/beneficiaries", token("dolisa-demo"), "application/json", """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"040090000123",
         "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","gender":"MALE","provinceCode":"40",
         "communeCode":"16681","phone":"0912345678","preferredBankBin":"970405"}""".formatted(id),
        "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

    assertThat(accepted.statusCode()).isEqualTo(202);
    // the identity check and then the bank's opening request run later, from the outbox
    await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(callsTo(BANK).stream()
        .filter(c -> c.getRequest().getBodyAsString().contains(id))).hasSize(1));
    ServeEvent bankCall = callsTo(BANK).stream().filter(c -> c.getRequest().getBodyAsString().contains(id)).findFirst()
        .orElseThrow();
    assertThat(traceparentAt(bankCall).group(1)).isEqualTo(traceId);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(auditEventsOf(traceId))
        .extracting(e -> e.get("service").asText()).contains("population-registry", "bank-970405"));
  }

  @Test
  void withoutATraceparentOrWithAMalformedOneEachRequestBeginsItsOwnTrace() {
    postJson("/api/v1/citizens/verifications", token("dolisa-demo"), AN);
    HttpResponse<String> malformed = postBody("/api/v1/citizens/verifications", token("dolisa-demo"),
        "application/json", AN, "traceparent", "00-not-a-trace-at-all");

    assertThat(malformed.statusCode()).isEqualTo(200);
    List<ServeEvent> calls = callsTo("/population");
    assertThat(calls).hasSize(2);
    assertThat(traceparentAt(calls.get(0)).group(1)).isNotEqualTo(traceparentAt(calls.get(1)).group(1));
  }

  @Test
  void aTraceIdThatIsNotW3CIsRefusedInTheAuditSearch() {
    HttpResponse<String> refused = get("/api/v1/audit/events?traceId=%27%20or%201=1%20--", token("infosec-demo"));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(Json.read(refused.body()).at("/errors/0/field").asText()).isEqualTo("traceId");
  }

  @Test
  void theTraceIdIsCoveredByTheEventsHash() {
    String traceId = newTraceId();
    postBody("/api/v1/citizens/verifications", token("dolisa-demo"), "application/json", AN,
        "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
    await().atMost(Duration.ofSeconds(10)).until(() -> auditEventsOf(traceId).size() == 2);
    long seq = auditEventsOf(traceId).get(0).get("seq").asLong();

    jdbc.execute("alter table audit_event disable trigger audit_event_no_update");
    try {
      jdbc.update("update audit_event set trace_id = ? where seq = ?", newTraceId(), seq);
      JsonNode report = Json.read(get("/api/v1/audit/integrity", token("infosec-demo")).body());
      assertThat(report.get("verified").asBoolean()).isFalse();
      assertThat(report.get("firstBrokenSeq").asLong()).isEqualTo(seq);
    } finally {
      jdbc.update("update audit_event set trace_id = ? where seq = ?", traceId, seq);
      jdbc.execute("alter table audit_event enable trigger audit_event_no_update");
    }
    assertThat(Json.read(get("/api/v1/audit/integrity", token("infosec-demo")).body()).get("verified").asBoolean())
        .isTrue();
  }

  @Test
  void spansLeaveForTheConfiguredOtlpCollector() {
    String traceId = newTraceId();
    byte[] rawId = HexFormat.of().parseHex(traceId);

    postBody("/api/v1/citizens/verifications", token("dolisa-demo"), "application/json", AN,
        "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

    // OTLP/HTTP protobuf: the trace id travels as its 16 raw bytes
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(collector.getAllServeEvents())
        .anySatisfy(e -> {
          assertThat(e.getRequest().getHeader("Content-Type")).isEqualTo("application/x-protobuf");
          assertThat(indexOf(e.getRequest().getBody(), rawId)).isNotNegative();
        }));
    registry.verify(postRequestedFor(urlEqualTo("/population")));
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
