package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.simulator.BankReportMessages;
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * The event stream (SPEC §4.17) end to end: what a registration, an account confirmation and a
 * payment cycle publish arrives in a real KRaft Kafka broker as CloudEvents, one topic per family,
 * in order per key, naming the partner and holding no personal id, name or account number; and
 * events written while the broker is down arrive once it is back.
 */
class EventStreamTest extends PaymentCycleTest {

  private static final String TOPICS = "ansinh.beneficiary.v1,ansinh.payment.v1,ansinh.audit.v1";

  @Autowired
  JdbcTemplate jdbc;
  @Autowired
  MeterRegistry meters;

  private KafkaConsumer<String, String> consumer;
  private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

  @BeforeEach
  void subscribe() {
    registry.stubFor(post(urlMatching("/banks/.*")).willReturn(aResponse().withStatus(202)));
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, "siem-" + UUID.randomUUID());
    p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");   // an aborted round is never seen
    consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(TOPICS.split(",")));
  }

  @AfterEach
  void close() {
    consumer.close(Duration.ofSeconds(2));
  }

  @Test
  void aRegistrationAnAccountAndAPaymentCycleArePublishedAsCloudEventsWithoutPersonalData() throws Exception {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    String beneficiaryId = "EV-" + UUID.randomUUID().toString().substring(0, 13);
    assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), registration(beneficiaryId)).statusCode())
        .isEqualTo(202);
    await().atMost(Duration.ofSeconds(10)).until(() -> "ACCOUNT_REQUESTED".equals(beneficiaryStatus(beneficiaryId)));
    assertThat(confirmAccount(beneficiaryId, "1500205123456").statusCode()).isEqualTo(200);

    String m = "EV" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String first = newPerson();
    List<String> people = List.of(first, newPerson(), first, newPerson());   // row 3 repeats row 1's person
    StringBuilder csv = new StringBuilder();
    for (int i = 0; i < people.size(); i++) {
      csv.append(m).append(i + 1).append(",B").append(i + 1).append(',').append(people.get(i))
          .append(",Trần Thị Hoà,").append(100_000).append(",970405,150020577777").append(i + 1).append(",40,16681,\n");
    }
    String batchId = batchIdOf(submit("dolisa-demo", "2029-01", csv.toString(), 4, 400_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    String file = Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=DISPATCHED",
        token("dolisa-demo")).body()).path("payments").get(0).path("fileId").asText();
    String pain002 = BankReportMessages.pain002("EV-" + batchId.substring(0, 8), file,
        List.of(new BankReportMessages.Status(m + "1", "ACSC", null)));
    assertThat(report(pain002).statusCode()).isEqualTo(200);

    List<JsonNode> ofBeneficiary = awaitEvents(r -> r.key().equals("dolisa-demo/" + beneficiaryId),
        events -> types(events).contains("vn.ansinh.gateway.beneficiary.account-opened"));
    List<JsonNode> ofBatch = awaitEvents(r -> r.key().equals(batchId),
        events -> events.stream().anyMatch(e -> e.at("/data/cause").asText().startsWith("bank-report")));
    List<JsonNode> audit = awaitEvents(r -> r.topic().equals("ansinh.audit.v1"), events -> !events.isEmpty());

    // beneficiary: registered first, then its statuses, then the account, masked
    assertThat(types(ofBeneficiary).get(0)).isEqualTo("vn.ansinh.gateway.beneficiary.registered");
    assertThat(types(ofBeneficiary)).contains("vn.ansinh.gateway.beneficiary.status-changed");
    JsonNode opened = ofBeneficiary.stream()
        .filter(e -> e.path("type").asText().endsWith("account-opened")).findFirst().orElseThrow();
    assertThat(opened.at("/data/accountNumber").asText()).isEqualTo("*********3456");
    assertThat(ofBeneficiary.get(0).at("/data/subjectHash").asText()).hasSize(64);
    // batch: its milestones in the order they happened, then each payment's status, grouped
    assertThat(types(ofBatch)).containsSubsequence("vn.ansinh.gateway.payment.batch.received",
        "vn.ansinh.gateway.payment.batch.validated", "vn.ansinh.gateway.payment.statuses-changed",
        "vn.ansinh.gateway.payment.batch.approved", "vn.ansinh.gateway.payment.statuses-changed",
        "vn.ansinh.gateway.payment.batch.status-changed");
    // each status per cause, its rows as ranges: the duplicate splits the payable rows (in two events
    // here, ranges-per-event being 1 in tests)
    assertThat(statusesBy(ofBatch, "validation")).containsExactly(Map.entry("PENDING", "1-2,4"),
        Map.entry("DUPLICATE", "3"));
    assertThat(statusesBy(ofBatch, "bank-file " + file)).containsExactly(Map.entry("DISPATCHED", "1-2,4"));
    assertThat(statusesBy(ofBatch, "bank-report")).containsExactly(Map.entry("PAID", "1"));
    assertThat(ofBatch).filteredOn(e -> e.at("/data/cause").asText().equals("validation")).hasSize(3);
    assertThat(ofBatch).filteredOn(e -> e.at("/data/rows").isTextual()).allSatisfy(e -> assertThat(
        e.at("/data/count").asInt()).isEqualTo(rowsIn(e.at("/data/rows").asText())));
    assertThat(ofBatch).last().satisfies(e -> assertThat(e.at("/data/batchId").asText()).isEqualTo(batchId));
    // the audit trail, as its export has it: chained, hashed
    assertThat(audit).allSatisfy(e -> {
      assertThat(e.path("type").asText()).isEqualTo("vn.ansinh.gateway.audit.recorded");
      assertThat(e.at("/data/hash").asText()).hasSize(64);
    });

    List<JsonNode> ours = new ArrayList<>(ofBeneficiary);
    ours.addAll(ofBatch);
    assertThat(ours).allSatisfy(e -> assertThat(e.path("partner").asText()).isEqualTo("dolisa-demo"));
    ours.addAll(audit);
    assertThat(ours).allSatisfy(EventStreamTest::isACloudEvent);
    Set<String> personal = new HashSet<>(people);
    personal.addAll(List.of("040090000123", "Nguyễn Văn An", "Trần Thị Hoà", "1500205123456", "NGUYEN VAN AN",
        "1500205777771"));
    assertThat(received).allSatisfy(r -> {
      assertThat(r.value()).doesNotContain(personal);
      assertThat(header(r, "content-type")).startsWith("application/cloudevents+json");
    });
    String contract = Files.readString(Path.of("contracts", "events", "asyncapi.yaml"));
    assertThat(ours).allSatisfy(e -> assertThat(contract).as("contracts/events/asyncapi.yaml names every type")
        .contains(e.path("type").asText()));
    assertThat(meters.find("gateway.events.published").tag("family", "payment").counter().count()).isPositive();
    assertThat(meters.find("gateway.events.waiting").gauges()).hasSize(2);
  }

  @Test
  void cashRecordedAtThePaymentPointAndCashNotCollectedInTimeArePublished() {
    String m = "EVC" + UUID.randomUUID().toString().substring(0, 8) + "-";
    String csv = m + "1,B1," + newPerson() + ",Phạm Thị Lan,500000,,,40,16681,\n"
        + m + "2,B2," + newPerson() + ",Hoàng Văn Nam,500000,,,40,16681,\n";
    String batchId = batchIdOf(submit("dolisa-demo", "2029-02", csv, 2, 1_000_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    awaitStatus(batchId, "DISPATCHED");
    assertThat(postBody("/api/v1/cash-payouts", token("vnpost-demo"), "application/json",
        CashPayoutTest.payoutBody(batchId, m + "1", "PAID_IN_CASH", Instant.now()), "Idempotency-Key",
        UUID.randomUUID().toString()).statusCode()).isEqualTo(200);
    // the collection window is over for this batch: the sweep moves row 2
    jdbc.update("update payment_batch set approved_at = approved_at - interval '60 days 1 minute' where batch_id = ?",
        batchId);

    List<JsonNode> ofBatch = awaitEvents(r -> r.key().equals(batchId),
        events -> events.stream().anyMatch(e -> e.at("/data/cause").asText().equals("uncollected-sweep")));
    assertThat(statusesBy(ofBatch, "cash-payout")).containsExactly(Map.entry("PAID", "1"));
    assertThat(statusesBy(ofBatch, "uncollected-sweep")).containsExactly(Map.entry("UNCOLLECTED", "2"));
    JsonNode counts = batch("dolisa-demo", batchId).path("counts");
    assertThat(counts.path("cashPaid").asInt()).isEqualTo(1);
    assertThat(counts.path("uncollected").asInt()).isEqualTo(1);
  }

  @Test
  void eventsWrittenWhileTheBrokerIsDownArriveOnceItIsBack() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    double failures = meters.counter("gateway.events.publish.failures").count();
    kafka.stop();
    String beneficiaryId = "EV-" + UUID.randomUUID().toString().substring(0, 13);
    try {
      assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), registration(beneficiaryId)).statusCode())
          .isEqualTo(202);
      // the events wait in the outbox, and the publisher's rounds fail and are counted
      await().atMost(Duration.ofSeconds(20)).until(() -> meters.counter("gateway.events.publish.failures").count() > failures
          && waiting(beneficiaryId) > 0);
    } finally {
      kafka.start();
    }
    List<JsonNode> events = awaitEvents(r -> r.key().equals("dolisa-demo/" + beneficiaryId),
        found -> types(found).contains("vn.ansinh.gateway.beneficiary.registered")
            && found.stream().anyMatch(e -> "ACCOUNT_REQUESTED".equals(e.at("/data/status").asText())));
    await().atMost(Duration.ofSeconds(10)).until(() -> waiting(beneficiaryId) == 0);
    // at least once: a repeat carries the same id, and the first of each id is in order
    List<String> firstOfEach = events.stream().map(e -> e.path("id").asText()).distinct().toList();
    assertThat(firstOfEach).isSortedAccordingTo((a, b) -> Long.compare(number(a), number(b)));
    assertThat(types(events).get(0)).isEqualTo("vn.ansinh.gateway.beneficiary.registered");
  }

  private static long number(String eventId) {
    return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
  }

  private Integer waiting(String beneficiaryId) {
    return jdbc.queryForObject("select count(*) from domain_event where subject = ?", Integer.class, beneficiaryId);
  }

  private static void isACloudEvent(JsonNode e) {
    assertThat(e.path("specversion").asText()).isEqualTo("1.0");
    assertThat(e.path("id").asText()).isNotBlank();
    assertThat(e.path("source").asText()).isEqualTo("urn:ansinh:gateway");
    assertThat(e.path("type").asText()).startsWith("vn.ansinh.gateway.");
    assertThat(e.path("subject").asText()).isNotBlank();
    assertThat(OffsetDateTime.parse(e.path("time").asText())).isNotNull();
    assertThat(e.path("datacontenttype").asText()).isEqualTo("application/json");
    assertThat(e.path("partner").asText()).isNotBlank();
    assertThat(e.path("data").isObject()).isTrue();
  }

  /** Polls the topics until the events of interest satisfy {@code done}; returns them in the order received. */
  private List<JsonNode> awaitEvents(Predicate<ConsumerRecord<String, String>> ofInterest,
      Predicate<List<JsonNode>> done) {
    List<JsonNode> found = new ArrayList<>();
    await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ZERO).until(() -> {
      consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      found.clear();
      received.stream().filter(ofInterest).map(r -> Json.read(r.value())).forEach(found::add);
      return done.test(found);
    });
    return found;
  }

  private static List<String> types(List<JsonNode> events) {
    return events.stream().map(e -> e.path("type").asText()).toList();
  }

  /** Status → the rows that took it, from the grouped events whose cause starts with {@code cause}. */
  private static Map<String, String> statusesBy(List<JsonNode> events, String cause) {
    Map<String, String> statuses = new java.util.LinkedHashMap<>();
    events.stream().filter(e -> e.at("/data/cause").asText().startsWith(cause))
        .forEach(e -> statuses.merge(e.at("/data/status").asText(), e.at("/data/rows").asText(), (a, b) -> a + "," + b));
    return statuses;
  }

  /** How many rows "1-2,4" names (3). */
  private static int rowsIn(String ranges) {
    int n = 0;
    for (String range : ranges.split(",")) {
      String[] ends = range.split("-");
      n += ends.length == 1 ? 1 : Integer.parseInt(ends[1]) - Integer.parseInt(ends[0]) + 1;
    }
    return n;
  }

  private static String header(ConsumerRecord<String, String> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static String registration(String beneficiaryId) {
    return """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"040090000123",
         "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","gender":"MALE","preferredBankBin":"970405"}"""
        .formatted(beneficiaryId);
  }

  private String beneficiaryStatus(String beneficiaryId) {
    return Json.read(get("/api/v1/beneficiaries/" + beneficiaryId, token("dolisa-demo")).body()).path("status").asText();
  }

  private HttpResponse<String> confirmAccount(String beneficiaryId, String account) {
    String requestId = jdbc.queryForObject("select request_id from account_opening_request where beneficiary_id = ?",
        String.class, beneficiaryId);
    String body = """
        {"requestId":"%s","beneficiaryId":"%s","personalId":"040090000123","bankBin":"970405",
         "accountNumber":"%s","accountName":"NGUYEN VAN AN","status":"OPENED","openedAt":"2026-11-23T09:00:00Z"}"""
        .formatted(requestId, beneficiaryId, account);
    return send(HttpRequest.newBuilder(url("/api/v1/account-openings/confirmations"))
        .header("Authorization", "Bearer " + token("bank-970405-demo")).header("Content-Type", "application/json")
        .header("Idempotency-Key", "k-" + requestId).header("X-JWS-Signature", BankSignatures.sign("970405", body))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private HttpResponse<String> report(String xml) {
    return report("bank-970405-demo", "970405", xml);
  }
}
