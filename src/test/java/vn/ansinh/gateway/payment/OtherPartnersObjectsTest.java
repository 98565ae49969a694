package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * SPEC §2: another partner's object answers 404 exactly as an unknown one, for every object type,
 * so a partner cannot learn that an id exists by trying it.
 */
class OtherPartnersObjectsTest extends PaymentCycleTest {

  private static final String UNKNOWN = "no-such-object-0001";

  /** The answer with the object's id and the request id taken out: what a caller could compare. */
  private static String comparable(HttpResponse<String> response, String id) {
    ObjectNode body = (ObjectNode) Json.read(response.body().replace(id, "{id}"));
    body.remove("requestId");
    return response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("") + " " + body;
  }

  private void answersAsUnknown(String otherPartner, String ownedId, Function<String, String> path) {
    HttpResponse<String> others = get(path.apply(ownedId), token(otherPartner));
    HttpResponse<String> unknown = get(path.apply(UNKNOWN), token(otherPartner));

    assertThat(others.statusCode()).as(path.apply("{id}")).isEqualTo(404);
    assertThat(comparable(others, ownedId)).as(path.apply("{id}")).isEqualTo(comparable(unknown, UNKNOWN));
  }

  @Test
  void anotherPartnersBatchReadsAnswerExactlyAsAnUnknownBatch() {
    // VSS's batch, and DOLISA, which holds payment.read and report.read, asking for it
    String batchId = batchIdOf(submit("vss-demo", "2026-03",
        "OTHER-1,B1," + newPerson() + ",Nguyễn Văn An,500000,970405,1500205000001,40,16681,\n", 1, 500_000));
    awaitStatus(batchId, "AWAITING_APPROVAL", "vss-demo");

    for (Function<String, String> path : List.<Function<String, String>>of(
        id -> "/api/v1/payment-batches/" + id,
        id -> "/api/v1/payment-batches/" + id + "/errors",
        id -> "/api/v1/payment-batches/" + id + "/payments",
        id -> "/api/v1/payment-batches/" + id + "/payments?status=PENDING",
        id -> "/api/v1/reports/reconciliation?batchId=" + id)) {
      answersAsUnknown("dolisa-demo", batchId, path);
    }
    assertThat(get("/api/v1/payment-batches/" + batchId, token("vss-demo")).statusCode()).isEqualTo(200);
  }

  @Test
  void anotherPartnersBeneficiaryAnswersExactlyAsAnUnknownOne() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    registry.stubFor(post(urlMatching("/banks/970405/accounts/opening-requests")).willReturn(aResponse().withStatus(202)));
    String id = "NA-" + UUID.randomUUID().toString().substring(0, 13);
    assertThat(postJson("/api/v1/beneficiaries", token("dolisa-demo"), """
        {"beneficiaryId":"%s","program":"SOCIAL_ALLOWANCE","personalId":"040090000123",
         "fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17","preferredBankBin":"970405"}""".formatted(id))
        .statusCode()).isEqualTo(202);

    answersAsUnknown("vss-demo", id, x -> "/api/v1/beneficiaries/" + x);
    // no work left behind for the next test
    await().atMost(Duration.ofSeconds(10)).until(() -> "ACCOUNT_REQUESTED".equals(
        Json.read(get("/api/v1/beneficiaries/" + id, token("dolisa-demo")).body()).path("status").asText()));
  }
}
