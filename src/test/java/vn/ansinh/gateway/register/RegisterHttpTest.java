package vn.ansinh.gateway.register;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** What the register's tests share: signed population events, lists to pay, and the PersonDied events seen. */
abstract class RegisterHttpTest extends GatewayHttpTest {

  static final String EVENTS = "/api/v1/population-events";
  static final String REGISTRY_PARTNER = "population-registry-demo";
  static final String HEADER = "payment_id,beneficiary_id,personal_id,full_name,amount_vnd,bank_bin,account_number,"
      + "province_code,commune_code,purpose\n";
  // Quảng Bình, men born in 1950: nobody else in the tests uses these ids
  private static final AtomicInteger PERSON = new AtomicInteger((int) (System.nanoTime() % 500_000));
  private static final AtomicBoolean LISTENING = new AtomicBoolean();
  static final Queue<PersonDied> deaths = new ConcurrentLinkedQueue<>();

  @Autowired
  ConfigurableApplicationContext context;
  @Autowired
  JdbcTemplate jdbc;

  @BeforeEach
  void agenciesAndListener() {
    registry.stubFor(post(urlEqualTo("/treasury/payment-orders")).willReturn(aResponse().withStatus(202)));
    registry.stubFor(post(urlMatching("/banks/.*")).willReturn(aResponse().withStatus(202).withBody("{}")));
    registry.stubFor(post(urlMatching("/(dolisa|vss)/notifications")).willReturn(aResponse().withStatus(202)));
    if (LISTENING.compareAndSet(false, true)) {
      context.addApplicationListener((ApplicationListener<PayloadApplicationEvent<?>>) e -> {
        if (e.getPayload() instanceof PersonDied died) {
          deaths.add(died);
        }
      });
    }
  }

  static String newPerson() {
    return "044050" + String.format("%06d", PERSON.incrementAndGet());
  }

  /** A detached ES256 JWS over the body, as the population database signs its pushes (key "registry" or "bank-…"). */
  static String sign(String keyFile, String body) {
    return BankSignatures.signWithKey(keyFile, body);
  }

  static String event(String eventId, String personalId, String type, String date) {
    return """
        {"eventId":"%s","personalId":"%s","type":"%s","date":"%s"}""".formatted(eventId, personalId, type, date);
  }

  /** The event pushed by {@code partner}, signed with {@code keyFile}'s key (null: unsigned). */
  HttpResponse<String> push(String partner, String keyFile, String body) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(EVENTS)).header("Authorization", "Bearer " + token(partner))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
    if (keyFile != null) {
      b.header("X-JWS-Signature", sign(keyFile, body));
    }
    return send(b.build());
  }

  HttpResponse<String> pushDeath(String eventId, String personalId, String date) {
    return push(REGISTRY_PARTNER, "population-registry", event(eventId, personalId, "DECEASED", date));
  }

  /** A one-row list for {@code period} paying the person into an Agribank account; returns the batch id once it awaits approval. */
  String awaitingApproval(String period, String paymentId, String personalId, String name) {
    PopulationRegistryStubs.asListed(registry, personalId, name);
    String row = paymentId + ",BEN-" + paymentId + "," + personalId + "," + name + ",500000,970405,1500205"
        + personalId.substring(6) + ",40,16681,Trợ cấp\n";
    HttpResponse<String> accepted = postBody("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=" + period,
        token("dolisa-demo"), "text/csv; charset=UTF-8", HEADER + row, "X-Control-Count", "1", "X-Control-Sum", "500000");
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String batchId = Json.read(accepted.body()).path("batchId").asText();
    await().atMost(Duration.ofSeconds(20))
        .until(() -> "AWAITING_APPROVAL".equals(batch(batchId).path("status").asText()));
    return batchId;
  }

  JsonNode batch(String batchId) {
    return Json.read(get("/api/v1/payment-batches/" + batchId, token("dolisa-demo")).body());
  }

  /** The status of the batch's only payment. */
  String paymentStatus(String batchId) {
    JsonNode payments = Json.read(get("/api/v1/payment-batches/" + batchId + "/payments", token("dolisa-demo")).body())
        .path("payments");
    assertThat(payments).hasSize(1);
    return payments.get(0).path("status").asText();
  }

  static List<PersonDied> deathsOf(String personalId) {
    return deaths.stream().filter(d -> d.personalId().equals(personalId)).toList();
  }
}
