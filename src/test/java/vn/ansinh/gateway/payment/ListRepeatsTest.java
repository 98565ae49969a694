package vn.ansinh.gateway.payment;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.function.LongConsumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * Rows that repeat a payment id or a person: all but the first open row are stopped, in list order,
 * whether validation compares the rows the intake listed as possible repeats (RepeatedValues), every
 * row (as if all values shared a hash) or the whole list grouped (a list read without such a list).
 * Each batch is held in validation by a registry outage while the test changes what the intake listed.
 */
class ListRepeatsTest extends PaymentCycleTest {

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void theIntakeListsEveryRowOfARepeatAndValidationStopsAllButTheFirstOpenOne() {
    Listed listed = validated("2031-01", "RA", key -> { });
    assertThat(listed.paymentIdRows()).containsExactly(3, 4, 5);
    assertThat(listed.personRows()).containsExactly(1, 2, 3, 6);
    assertStops(listed);
    assertThat(jdbc.queryForObject("select count(*) from payment_repeat_rows where batch_key = ?", Integer.class,
        listed.key())).as("validation removes what it no longer needs").isZero();
  }

  @Test
  void theSameStopsWhenEveryRowIsListedAsIfAllValuesSharedAHash() {
    assertStops(validated("2031-02", "RB", key -> jdbc.update(
        "update payment_repeat_rows set row_nos = array(select generate_series(1, 9)) where batch_key = ?", key)));
  }

  @Test
  void theSameStopsWhenNothingIsListedAndTheWholeListIsCompared() {
    assertStops(validated("2031-03", "RC", key -> jdbc.update("delete from payment_repeat_rows where batch_key = ?",
        key)));
  }

  private record Listed(long key, String batchId, List<Integer> paymentIdRows, List<Integer> personRows) {}

  /**
   * A list of nine rows whose last person the registry cannot answer for yet: {@code whileHeld} runs
   * while the batch waits in validation, then the registry answers and the batch is validated.
   */
  private Listed validated(String period, String p, LongConsumer whileHeld) {
    String a = newPerson();
    String b = newPerson();
    String held = newPerson();
    awaitStatus(batchIdOf(submit("dolisa-demo", period, row(p + "-USED", newPerson(), "500000", "970405"), 1,
        500_000)), "AWAITING_APPROVAL");
    registry.stubFor(post(urlEqualTo("/population")).withRequestBody(containing(held))
        .willReturn(aResponse().withStatus(503)));
    String csv = row(p + "-USED", a, "500000", "970405")     // 1: the payer used this id in its earlier list
        + row(p + "-2", a, "500000", "970405")                // 2: a's first open row
        + row(p + "-3", b, "500000", "970405")                // 3
        + row(p + "-3", newPerson(), "500000", "970405")      // 4: repeats row 3's id
        + row(p + "-3", newPerson(), "500000", "970405")      // 5: and again
        + row(p + "-6", b, "500000", "970405")                // 6: b has row 3
        + row(p + "-7", newPerson(), "500000", "970436")      // 7: invalid (no such bank), so not open
        + row(p + "-7", newPerson(), "500000", "970405")      // 8: the first open row with this id
        + row(p + "-9", held, "500000", "970405");            // 9
    String batchId = batchIdOf(submit("dolisa-demo", period, csv, 9, 4_500_000));
    await().atMost(Duration.ofSeconds(10)).until(() -> batch("dolisa-demo", batchId).path("statusReason").asText()
        .startsWith("held"));
    long key = jdbc.queryForObject("select batch_key from payment_batch where batch_id = ?", Long.class, batchId);
    Listed listed = new Listed(key, batchId, rowsListed(key, "payment_id"), rowsListed(key, "personal_id"));
    whileHeld.accept(key);
    PopulationRegistryStubs.citizen(registry, held, "Nguyễn Văn An", "19900101", false);
    awaitStatus(batchId, "AWAITING_APPROVAL");
    return listed;
  }

  private void assertStops(Listed listed) {
    assertThat(jdbc.queryForList("select row_no || ' ' || status || coalesce(' ' || status_reason, '') from payment"
        + " where batch_key = ? order by row_no", String.class, listed.key())).containsExactly(
        "1 DUPLICATE paymentId was already used by this payer",
        "2 PENDING",
        "3 PENDING",
        "4 DUPLICATE paymentId repeats an earlier row of this list",
        "5 DUPLICATE paymentId repeats an earlier row of this list",
        "6 DUPLICATE this person already has a payment in this list",
        "7 INVALID",
        "8 PENDING",
        "9 PENDING");
    JsonNode counts = batch("dolisa-demo", listed.batchId()).path("counts");
    assertThat(counts.path("duplicate").asInt()).isEqualTo(4);
    assertThat(counts.path("toBanks").asInt()).isEqualTo(4);
  }

  private List<Integer> rowsListed(long key, String column) {
    return jdbc.queryForList("select unnest(row_nos) from payment_repeat_rows where batch_key = ? and key_column = ?",
        Integer.class, key, column);
  }

  private static String row(String paymentId, String person, String amount, String bin) {
    return paymentId + ",B-" + paymentId + "," + person + ",Nguyễn Văn An," + amount + "," + bin + ",1500205000001,40,16681,\n";
  }
}
