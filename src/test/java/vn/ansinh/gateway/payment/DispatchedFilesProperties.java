package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import vn.ansinh.gateway.support.ForkedGateway;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * For any payment list — bad amounts, repeated payment ids, repeated people, rows without an
 * account — the bank files hold exactly the rows that should be paid by bank, each once, and their
 * sums add up. The expected rows come from a plain model of the rules, not from the gateway.
 */
class DispatchedFilesProperties {

  private static final String[] BANKS = {"970405", "970415"};
  private static final AtomicInteger TRY = new AtomicInteger();
  private static WireMockServer agencies;
  private static ForkedGateway gateway;

  @BeforeContainer
  static void start() throws Exception {
    agencies = new WireMockServer(options().dynamicPort());
    agencies.start();
    agencies.stubFor(post(urlEqualTo("/treasury/payment-orders")).willReturn(aResponse().withStatus(202)));
    PopulationRegistryStubs.everyoneIs(agencies, "Nguyễn Văn An");
    agencies.stubFor(post(urlMatching(BankFiles.PATH)).willReturn(aResponse().withStatus(202)));
    gateway = new ForkedGateway(Path.of("target", "property-test", Long.toString(System.nanoTime())),
        "--gateway.payments.treasury-url=" + agencies.baseUrl() + "/treasury",
        "--gateway.agencies.population-registry.url=" + agencies.baseUrl() + "/population",
        "--gateway.payments.max-transactions-per-file=4",
        "--gateway.banks[970405].url=" + agencies.baseUrl() + "/banks/970405",
        "--gateway.banks[970415].url=" + agencies.baseUrl() + "/banks/970415",
        "--gateway.outbox.poll-interval=20ms");
    gateway.start(2);
  }

  @AfterContainer
  static void stop() throws Exception {
    gateway.close();
    agencies.stop();
  }

  /**
   * @param amount a whole amount, or with {@code kind} 0 one that is not whole
   * @param kind   0 a bad amount, 1 an earlier row's payment id, 2 an earlier row's person, else fresh
   * @param bank   0 or 1 a bank, 2 no account (cash)
   * @param pick   which earlier row, for kinds 1 and 2
   */
  record Spec(long amount, int kind, int bank, int pick) {}

  record Row(String paymentId, String person, String amount, String bin, String account) {}

  @Provide
  Arbitrary<List<Spec>> lists() {
    return Combinators.combine(Arbitraries.longs().between(1, 50_000_000), Arbitraries.integers().between(0, 9),
        Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 99)).as(Spec::new)
        .list().ofMinSize(1).ofMaxSize(25);
  }

  @Property(tries = 25)
  void theBankFilesHoldExactlyThePayableRowsOnceAndAddUp(@ForAll("lists") List<Spec> specs) throws Exception {
    int t = TRY.incrementAndGet();
    List<Row> rows = rows(t, specs);
    StringBuilder csv = new StringBuilder(PaymentCycleTest.HEADER);
    long declaredSum = 0;
    for (Row r : rows) {
      csv.append(String.join(",", r.paymentId(), "B" + r.paymentId(), r.person(), "Nguyễn Văn An", r.amount(),
          r.bin(), r.account(), "40", "16681", "")).append('\n');
      declaredSum += r.amount().contains(".") ? 0 : Long.parseLong(r.amount());
    }
    Expected expected = expected(rows);

    HttpResponse<String> accepted = gateway.post("/api/v1/payment-batches?program=PENSION&period=2026-11",
        gateway.token("dolisa-demo"), "text/csv", csv.toString(), "X-Control-Count", Integer.toString(rows.size()),
        "X-Control-Sum", Long.toString(declaredSum));
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String batchId = Json.read(accepted.body()).path("batchId").asText();
    await().atMost(Duration.ofSeconds(20)).until(() -> !status(batchId).equals("VALIDATING"));
    if (expected.bankIds().isEmpty() && expected.cash() == 0) {
      assertThat(status(batchId)).isEqualTo("REJECTED");
      return;
    }
    assertThat(status(batchId)).isEqualTo("AWAITING_APPROVAL");
    assertThat(gateway.post("/api/v1/payment-batches/" + batchId + "/approval", gateway.token("treasury-demo"),
        "application/json", "{}").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(20)).until(() -> status(batchId).equals("DISPATCHED"));

    JsonNode batch = Json.read(gateway.get("/api/v1/payment-batches/" + batchId, gateway.token("dolisa-demo")).body());
    BankFiles files = BankFiles.receivedBy(agencies, "T" + t + "-");
    files.assertEachFileAddsUp();
    assertThat(files.endToEndIds()).containsExactlyInAnyOrderElementsOf(expected.bankIds());
    assertThat(files.sum()).isEqualTo(expected.bankSum()).isEqualTo(batch.path("sums").path("toBanks").asLong());
    assertThat(batch.path("counts").path("cash").asLong()).isEqualTo(expected.cash());
    files.byMsgId().values().forEach(f -> assertThat(BankFiles.transactions(f)).hasSizeLessThanOrEqualTo(4));
  }

  private String status(String batchId) {
    return Json.read(gateway.get("/api/v1/payment-batches/" + batchId, gateway.token("dolisa-demo")).body())
        .path("status").asText();
  }

  private static List<Row> rows(int t, List<Spec> specs) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      Spec s = specs.get(i);
      String id = "T" + t + "-" + i;
      String person = "040090" + String.format("%06d", t * 100 + i);
      if (s.kind() == 1 && i > 0) {
        id = rows.get(s.pick() % i).paymentId();
      } else if (s.kind() == 2 && i > 0) {
        person = rows.get(s.pick() % i).person();
      }
      String amount = s.kind() == 0 ? s.amount() + ".5" : Long.toString(s.amount());
      boolean cash = s.bank() == 2;
      rows.add(new Row(id, person, amount, cash ? "" : BANKS[s.bank()], cash ? "" : "15002050" + (10000 + i)));
    }
    return rows;
  }

  record Expected(List<String> bankIds, long bankSum, long cash) {}

  /** The rules, plainly: a bad amount is invalid; a payment id counts once, then a person once. */
  private static Expected expected(List<Row> rows) {
    Set<String> ids = new HashSet<>();
    Set<String> people = new HashSet<>();
    List<String> bankIds = new ArrayList<>();
    long sum = 0;
    long cash = 0;
    for (Row r : rows) {
      if (r.amount().contains(".") || !ids.add(r.paymentId()) || !people.add(r.person())) {
        continue;
      }
      if (r.bin().isEmpty()) {
        cash++;
      } else {
        bankIds.add(r.paymentId());
        sum += Long.parseLong(r.amount());
      }
    }
    return new Expected(bankIds, sum, cash);
  }
}
