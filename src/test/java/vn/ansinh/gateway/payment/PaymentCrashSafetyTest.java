package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.ForkedGateway;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * A gateway killed with SIGKILL while it is sending an approved batch's files: after a restart
 * every payment is in exactly one delivered file, and the files add up to the batch.
 */
class PaymentCrashSafetyTest {

  private static final String AGRIBANK = "/banks/970405/payments/pain001";
  private WireMockServer agencies;
  private ForkedGateway gateway;

  @BeforeEach
  void start() throws Exception {
    agencies = new WireMockServer(options().dynamicPort().containerThreads(20));
    agencies.start();
    agencies.stubFor(post(urlEqualTo("/treasury/payment-orders")).willReturn(aResponse().withStatus(202)));
    PopulationRegistryStubs.everyoneIs(agencies, "Nguyễn Văn An");
    // Agribank takes two seconds per file: the kill lands while files are on their way
    agencies.stubFor(post(urlEqualTo(AGRIBANK)).willReturn(aResponse().withStatus(202).withFixedDelay(2000)));
    agencies.stubFor(post(urlEqualTo("/banks/970415/payments/pain001")).willReturn(aResponse().withStatus(202)));
    gateway = new ForkedGateway(Path.of("target", "crash-test", "payments-" + System.nanoTime()),
        "--gateway.payments.treasury-url=" + agencies.baseUrl() + "/treasury",
        "--gateway.agencies.population-registry.url=" + agencies.baseUrl() + "/population",
        "--gateway.payments.max-transactions-per-file=3",
        "--gateway.banks[970405].url=" + agencies.baseUrl() + "/banks/970405",
        "--gateway.banks[970415].url=" + agencies.baseUrl() + "/banks/970415",
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
  void everyPaymentIsInExactlyOneDeliveredFileAfterAKillDuringDispatch() throws Exception {
    gateway.start(2);
    TwentyPayments list = TwentyPayments.of("KILL-", 900);
    String csv = list.csv();
    List<String> ids = list.ids();
    long sum = list.sum();
    HttpResponse<String> accepted = gateway.post("/api/v1/payment-batches?program=SOCIAL_ALLOWANCE&period=2026-11",
        gateway.token("dolisa-demo"), "text/csv", csv, "X-Control-Count", "20", "X-Control-Sum",
        Long.toString(sum));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String batchId = Json.read(accepted.body()).path("batchId").asText();
    await().atMost(Duration.ofSeconds(30)).until(() -> "AWAITING_APPROVAL".equals(batch(batchId).path("status").asText()));
    assertThat(gateway.post("/api/v1/payment-batches/" + batchId + "/approval", gateway.token("treasury-demo"),
        "application/json", "{}").statusCode()).isEqualTo(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> !agencies.findAll(postRequestedFor(urlEqualTo(AGRIBANK))).isEmpty());
    gateway.killMinus9();   // a file is in flight: the bank has it, the gateway never heard back

    gateway.start(2);

    await().atMost(Duration.ofSeconds(60)).until(() -> "DISPATCHED".equals(batch(batchId).path("status").asText()));
    BankFiles files = BankFiles.receivedBy(agencies, "KILL-");
    files.assertEachFileAddsUp();
    assertThat(files.byMsgId()).hasSize(8);   // 10 payments per bank, 3 per file
    assertThat(files.endToEndIds()).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(files.sum()).isEqualTo(sum).isEqualTo(batch(batchId).path("sums").path("toBanks").asLong());
    long agribankFiles = files.byMsgId().keySet().stream().filter(id -> id.contains("-970405-")).count();
    assertThat(agribankFiles).isEqualTo(4);
    assertThat(agencies.findAll(postRequestedFor(urlEqualTo(AGRIBANK))).size())
        .as("the file cut off by the kill was sent again, as the same file").isGreaterThan((int) agribankFiles);
  }

  /** Twenty payments of an agency's list, ten to each of two banks, with their ids and sum. */
  record TwentyPayments(String csv, List<String> ids, long sum) {

    static TwentyPayments of(String prefix, int firstPerson) {
      StringBuilder csv = new StringBuilder(PaymentCycleTest.HEADER);
      List<String> ids = new ArrayList<>();
      long sum = 0;
      for (int i = 1; i <= 20; i++) {
        String bin = i % 2 == 0 ? "970415" : "970405";
        long amount = 500_000 + i * 1000L;
        csv.append(prefix).append(i).append(",B").append(i).append(",040090")
            .append(String.format("%06d", firstPerson + i)).append(",Nguyễn Văn An,").append(amount).append(',')
            .append(bin).append(",15002050000").append(10 + i).append(",40,16681,\n");
        ids.add(prefix + i);
        sum += amount;
      }
      return new TwentyPayments(csv.toString(), ids, sum);
    }
  }
}
