package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.ansinh.gateway.support.Json;

/** A bank that resets, answers 503 or hangs gets the same file again later — and each payment stays in one file. */
class PaymentFileFaultsTest extends PaymentCycleTest {

  private static final String AGRIBANK = "/banks/970405/payments/pain001";

  static Stream<Arguments> bankFaults() {
    return Stream.of(
        Arguments.of("reset", "2027-01", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
        Arguments.of("503", "2027-02", aResponse().withStatus(503)),
        Arguments.of("hang", "2027-03", aResponse().withStatus(202).withFixedDelay(3000)));
  }

  private String approvedBatch(String marker, String period) {
    String csv = marker + "-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n"
        + marker + "-2,B2," + newPerson() + ",Trần Thị Hoà,750000,970405,1500205000002,40,16681,\n"
        + marker + "-3,B3," + newPerson() + ",Phạm Thị Lan,600000,970415,1020300000003,40,16681,\n";
    String batchId = batchIdOf(submit("dolisa-demo", period, csv, 3, 1_850_000));
    awaitStatus(batchId, "AWAITING_APPROVAL");
    assertThat(approve("treasury-demo", batchId).statusCode()).isEqualTo(200);
    return batchId;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("bankFaults")
  void aFailedDeliveryIsRetriedWithTheSameFileAndEachPaymentArrivesOnce(String fault, String period,
      ResponseDefinitionBuilder first) throws Exception {
    String marker = "F" + fault.toUpperCase();
    registry.stubFor(post(urlEqualTo(AGRIBANK)).withRequestBody(containing(marker)).inScenario(marker)
        .whenScenarioStateIs(Scenario.STARTED).willReturn(first).willSetStateTo("recovered"));
    registry.stubFor(post(urlEqualTo(AGRIBANK)).withRequestBody(containing(marker)).inScenario(marker)
        .whenScenarioStateIs("recovered").willReturn(aResponse().withStatus(202)));

    String batchId = approvedBatch(marker, period);

    JsonNode done = awaitStatus(batchId, "DISPATCHED");
    assertThat(registry.findAll(postRequestedFor(urlEqualTo(AGRIBANK)).withRequestBody(containing(marker))).size())
        .isGreaterThanOrEqualTo(2);
    BankFiles files = BankFiles.receivedBy(registry, marker);
    files.assertEachFileAddsUp();
    assertThat(files.endToEndIds()).containsExactlyInAnyOrder(marker + "-1", marker + "-2", marker + "-3");
    assertThat(files.sum()).isEqualTo(done.path("sums").path("toBanks").asLong()).isEqualTo(1_850_000);
  }

  @Test
  void aBankThatKeepsFailingLeavesADeadLetterThatIsReplayedIntoTheSameFile() throws Exception {
    registry.stubFor(post(urlEqualTo(AGRIBANK)).withRequestBody(containing("FDEAD")).atPriority(1)
        .willReturn(aResponse().withStatus(503)));
    String batchId = approvedBatch("FDEAD", "2027-04");
    String ops = token("ops-demo");

    await().atMost(Duration.ofSeconds(20)).until(() -> deadFile(ops) != null);
    JsonNode dead = deadFile(ops);
    assertThat(dead.path("kind").asText()).isEqualTo("payment-file-delivery");
    assertThat(dead.path("lastError").asText()).contains("503");
    JsonNode stuck = batch("dolisa-demo", batchId);
    assertThat(stuck.path("status").asText()).isEqualTo("DISPATCHING");
    // the batch says which file is dead-lettered and why, to its payer and to the treasury
    for (String reader : List.of("dolisa-demo", "treasury-demo")) {
      assertThat(batch(reader, batchId).path("statusReason").asText())
          .contains(dead.path("subject").asText()).contains("dead-lettered").contains("503");
    }
    assertThat(payments(batchId, "PENDING")).containsExactlyInAnyOrder("FDEAD-1", "FDEAD-2");

    registry.stubFor(post(urlEqualTo(AGRIBANK)).withRequestBody(containing("FDEAD")).atPriority(1)
        .willReturn(aResponse().withStatus(202)));
    assertThat(postEmpty("/api/v1/dead-letters/" + dead.path("id").asLong() + "/replay", ops).statusCode())
        .isEqualTo(202);

    JsonNode done = awaitStatus(batchId, "DISPATCHED");
    assertThat(done.path("statusReason").asText()).doesNotContain("dead-lettered");
    BankFiles files = BankFiles.receivedBy(registry, "FDEAD");
    assertThat(files.byMsgId()).hasSize(2);
    assertThat(files.byMsgId()).containsKey(dead.path("subject").asText());
    assertThat(files.endToEndIds()).containsExactlyInAnyOrder("FDEAD-1", "FDEAD-2", "FDEAD-3");
    assertThat(files.sum()).isEqualTo(done.path("sums").path("toBanks").asLong());
    assertThat(payments(batchId, "DISPATCHED")).hasSize(3);
  }

  private JsonNode deadFile(String ops) {
    for (JsonNode d : Json.read(get("/api/v1/dead-letters?size=500", ops).body()).path("deadLetters")) {
      if (d.path("kind").asText().equals("payment-file-delivery") && d.path("subject").asText().contains("-970405-")
          && d.path("lastError").asText().contains("503") && d.path("status").asText().equals("DEAD")) {
        return d;
      }
    }
    return null;
  }

  private List<String> payments(String batchId, String status) {
    return Json.read(get("/api/v1/payment-batches/" + batchId + "/payments?status=" + status, token("dolisa-demo"))
        .body()).path("payments").findValuesAsText("paymentId");
  }
}
