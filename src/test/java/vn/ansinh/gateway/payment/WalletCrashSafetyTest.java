package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.ForkedGateway;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * A gateway killed with SIGKILL while it is sending an approved batch's wallet payment orders:
 * after a restart each payment is in exactly one order, each order arrives under one id with the
 * same payments on every attempt, and the orders add up to the batch.
 */
class WalletCrashSafetyTest {

  private static final String VIETTEL = "/wallets/VIETTELMONEY/payment-orders";
  private static final String VNPT = "/wallets/VNPTMONEY/payment-orders";
  private WireMockServer agencies;
  private ForkedGateway gateway;

  @BeforeEach
  void start() throws Exception {
    agencies = new WireMockServer(options().dynamicPort().containerThreads(20));
    agencies.start();
    agencies.stubFor(post(urlEqualTo("/treasury/payment-orders")).willReturn(aResponse().withStatus(202)));
    PopulationRegistryStubs.everyoneIs(agencies, "Nguyễn Văn An");
    agencies.stubFor(post(urlMatching("/wallets/[A-Z]+/wallets/ownership-checks")).willReturn(aResponse()
        .withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"result\":\"CONFIRMED\"}")));
    // Viettel Money takes two seconds per order: the kill lands while its order is on its way
    agencies.stubFor(post(urlEqualTo(VIETTEL)).willReturn(aResponse().withStatus(202).withFixedDelay(2000)));
    agencies.stubFor(post(urlEqualTo(VNPT)).willReturn(aResponse().withStatus(202)));
    gateway = new ForkedGateway(Path.of("target", "crash-test", "wallets-" + System.nanoTime()),
        "--gateway.payments.treasury-url=" + agencies.baseUrl() + "/treasury",
        "--gateway.agencies.population-registry.url=" + agencies.baseUrl() + "/population",
        "--gateway.wallets[0].code=VIETTELMONEY", "--gateway.wallets[0].name=Viettel Money",
        "--gateway.wallets[0].url=" + agencies.baseUrl() + "/wallets/VIETTELMONEY",
        "--gateway.wallets[0].partner=wallet-viettelmoney-demo",
        "--gateway.wallets[1].code=VNPTMONEY", "--gateway.wallets[1].name=VNPT Money",
        "--gateway.wallets[1].url=" + agencies.baseUrl() + "/wallets/VNPTMONEY",
        "--gateway.wallets[1].partner=wallet-vnptmoney-demo",
        "--gateway.outbox.backoff-base=200ms",
        "--gateway.agencies.background.response-timeout-ms=60000");
  }

  @AfterEach
  void stop() throws Exception {
    gateway.close();
    agencies.stop();
  }

  private JsonNode batch(String batchId) {
    return Json.read(gateway.get("/api/v1/payment-batches/" + batchId, gateway.token("dolisa-demo")).body());
  }

  @Test
  void everyPaymentIsInExactlyOneOrderAfterAKillDuringWalletDispatch() throws Exception {
    gateway.start(2);
    StringBuilder csv = new StringBuilder(WalletPaymentsTest.WALLET_HEADER);
    List<String> ids = new ArrayList<>();
    long sum = 0;
    for (int i = 1; i <= 20; i++) {
      String provider = i % 2 == 0 ? "VNPTMONEY" : "VIETTELMONEY";
      long amount = 500_000 + i * 1000L;
      csv.append("WKILL-").append(i).append(",B").append(i).append(",040090")
          .append(String.format("%06d", 900 + i)).append(",Nguyễn Văn An,").append(amount).append(",,,40,16681,,")
          .append(provider).append(",09120009").append(String.format("%02d", i)).append('\n');
      ids.add("WKILL-" + i);
      sum += amount;
    }
    HttpResponse<String> accepted = gateway.post("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2026-11",
        gateway.token("dolisa-demo"), "text/csv", csv.toString(), "X-Control-Count", "20", "X-Control-Sum",
        Long.toString(sum));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String batchId = Json.read(accepted.body()).path("batchId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> "AWAITING_APPROVAL".equals(batch(batchId).path("status").asText()));
    assertThat(gateway.post("/api/v1/payment-batches/" + batchId + "/approval", gateway.token("treasury-demo"),
        "application/json", "{}").statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> !agencies.findAll(postRequestedFor(urlEqualTo(VIETTEL))).isEmpty());
    gateway.killMinus9();   // the order is in flight: the provider has it, the gateway never heard back

    gateway.start(2);

    await().atMost(Duration.ofSeconds(60)).until(() -> "DISPATCHED".equals(batch(batchId).path("status").asText()));
    List<LoggedRequest> sent = new ArrayList<>(agencies.findAll(postRequestedFor(urlEqualTo(VIETTEL))));
    sent.addAll(agencies.findAll(postRequestedFor(urlEqualTo(VNPT))));
    Map<String, String> bodyOfOrder = new HashMap<>();
    for (LoggedRequest r : sent) {
      JsonNode order = Json.read(r.getBodyAsString());
      String orderId = order.path("orderId").asText();
      assertThat(r.getHeader("Idempotency-Key")).isEqualTo(orderId);
      String earlier = bodyOfOrder.putIfAbsent(orderId, r.getBodyAsString());
      assertThat(earlier == null || earlier.equals(r.getBodyAsString()))
          .as("every attempt of order %s carries the same payments", orderId).isTrue();
    }
    assertThat(bodyOfOrder).hasSize(2);   // one order per batch and provider
    List<String> inOrders = new ArrayList<>();
    long ordered = 0;
    for (String body : bodyOfOrder.values()) {
      JsonNode order = Json.read(body);
      inOrders.addAll(order.path("payments").findValuesAsText("paymentId"));
      ordered += order.path("totalVnd").asLong();
    }
    assertThat(inOrders).containsExactlyInAnyOrderElementsOf(ids);   // each payment once, in one order
    Set<String> unique = new HashSet<>(inOrders);
    assertThat(unique).hasSize(20);
    assertThat(ordered).isEqualTo(sum);
    assertThat(agencies.findAll(postRequestedFor(urlEqualTo(VIETTEL))).size())
        .as("the order cut off by the kill was sent again, as the same order").isGreaterThan(1);
    JsonNode reconciliation = Json.read(gateway.get("/api/v1/reports/reconciliation?batchId=" + batchId,
        gateway.token("dolisa-demo")).body());
    assertThat(reconciliation.path("dispatched").path("count").asLong()).isEqualTo(20);
    assertThat(reconciliation.path("balanced").asBoolean()).isTrue();
  }
}
