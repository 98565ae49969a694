package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** What payment-cycle tests do over HTTP: submit a list, watch the batch, approve it. The treasury and banks take everything. */
abstract class PaymentCycleTest extends GatewayHttpTest {

  static final String HEADER = "payment_id,beneficiary_id,personal_id,full_name,amount_vnd,bank_bin,account_number,"
      + "province_code,commune_code,purpose\n";
  private static final AtomicInteger PERSON = new AtomicInteger(100);

  @BeforeEach
  void agencies() {
    registry.stubFor(post(urlEqualTo("/treasury/payment-orders")).willReturn(aResponse().withStatus(202)));
    registry.stubFor(post(urlMatching(BankFiles.PATH)).willReturn(aResponse().withStatus(202)));
    registry.stubFor(post(urlMatching("/(dolisa|vss)/notifications")).willReturn(aResponse().withStatus(202)));
  }

  /** A personal id nobody else in these tests uses: Nghệ An, a man born in 1990. */
  static String newPerson() {
    return "040090" + String.format("%06d", PERSON.incrementAndGet());
  }

  HttpResponse<String> submit(String partner, String period, String csv, long count, long sum) {
    return submit(partner, "SOCIAL_ALLOWANCE", period, csv, count, Long.toString(sum));
  }

  /** A CSV list of {@code program} with these control totals, sent as they are (any number of digits). */
  HttpResponse<String> submit(String partner, String program, String period, String csv, long count, String sum) {
    registryKnowsAsListed(csv);
    return postBody("/api/v1/payment-batches?program=" + program + "&period=" + period, token(partner),
        "text/csv; charset=UTF-8", HEADER + csv, "X-Control-Count", Long.toString(count), "X-Control-Sum", sum);
  }

  /** The population database knows every person of the rows under the row's name, unless the test stubbed them. */
  static void registryKnowsAsListed(String csv) {
    for (String line : csv.split("\n")) {
      List<String> cells = cells(line);
      if (cells.size() > 3 && cells.get(2).matches("[0-9]{12}")) {
        PopulationRegistryStubs.asListed(registry, cells.get(2), cells.get(3));
      }
    }
  }

  private static List<String> cells(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (char c : line.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  JsonNode batch(String partner, String batchId) {
    return Json.read(get("/api/v1/payment-batches/" + batchId, token(partner)).body());
  }

  JsonNode awaitStatus(String batchId, String status) {
    return awaitStatus(batchId, status, "dolisa-demo");
  }

  JsonNode awaitStatus(String batchId, String status, String payer) {
    await().atMost(Duration.ofSeconds(20)).until(() -> status.equals(batch(payer, batchId).path("status").asText()));
    return batch(payer, batchId);
  }

  HttpResponse<String> approve(String partner, String batchId) {
    return postBody("/api/v1/payment-batches/" + batchId + "/approval", token(partner), "application/json", "{}");
  }

  /** A bank's report, signed with the key of {@code keyName} (null: unsigned). */
  HttpResponse<String> report(String bank, String keyName, String xml) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url("/api/v1/payment-reports"))
        .header("Authorization", "Bearer " + token(bank)).header("Content-Type", "application/xml")
        .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8));
    if (keyName != null) {
      b.header("X-JWS-Signature", BankSignatures.sign(keyName, xml));
    }
    return send(b.build());
  }

  static String batchIdOf(HttpResponse<String> accepted) {
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    String batchId = Json.read(accepted.body()).path("batchId").asText();
    assertThat(accepted.headers().firstValue("Location")).hasValue("/api/v1/payment-batches/" + batchId);
    return batchId;
  }
}
