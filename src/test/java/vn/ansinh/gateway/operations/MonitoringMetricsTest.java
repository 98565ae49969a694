package vn.ansinh.gateway.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.GatewayHttpTest;

/**
 * The figures deploy/monitoring's dashboard and alerts read are published under the names they
 * use: outbox depth, age and dead letters by kind, the agency circuit's state, the audit chain's
 * head, request latency buckets.
 */
class MonitoringMetricsTest extends GatewayHttpTest {

  private static final String KIND = "monitoring-probe";

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  StateGauges gauges;

  @Autowired
  vn.ansinh.gateway.audit.AuditVerifications verifications;

  @AfterEach
  void removeProbeItems() {
    jdbc.update("delete from outbox where kind = ?", KIND);
  }

  @Test
  void outboxCircuitAuditAndLatencyFiguresAreScraped() {
    Timestamp hourAgo = Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS));
    Timestamp nextWeek = Timestamp.from(Instant.now().plus(7, ChronoUnit.DAYS));
    for (String status : new String[] {"PENDING", "DEAD", "DEAD"}) {
      jdbc.update("insert into outbox (kind, owner, subject, status, attempts, next_attempt_at, created_at, updated_at)"
          + " values (?, 'dolisa-demo', 'probe', ?, 0, ?, ?, ?)", KIND, status, nextWeek, hourAgo, hourAgo);
    }
    get("/api/v1/beneficiaries/nobody-here", token("dolisa-demo"));   // one request, so one audit event at least

    gauges.refresh();
    HttpResponse<String> scrape = get("/actuator/prometheus", token("ops-demo"));

    assertThat(scrape.statusCode()).isEqualTo(200);
    String body = scrape.body();
    assertThat(value(body, "gateway_outbox_items\\{[^}]*kind=\"" + KIND + "\"[^}]*status=\"DEAD\"[^}]*\\}")).isEqualTo(2);
    assertThat(value(body, "gateway_outbox_items\\{[^}]*kind=\"" + KIND + "\"[^}]*status=\"PENDING\"[^}]*\\}")).isEqualTo(1);
    assertThat(value(body, "gateway_outbox_oldest_pending_age_seconds\\{[^}]*kind=\"" + KIND + "\"[^}]*\\}"))
        .isBetween(3500.0, 3700.0);
    assertThat(value(body, "resilience4j_circuitbreaker_state\\{[^}]*name=\"population-registry\"[^}]*state=\"closed\"[^}]*\\}")
        + value(body, "resilience4j_circuitbreaker_state\\{[^}]*name=\"population-registry\"[^}]*state=\"open\"[^}]*\\}")
        + value(body, "resilience4j_circuitbreaker_state\\{[^}]*name=\"population-registry\"[^}]*state=\"half_open\"[^}]*\\}"))
        .as("exactly one state is the current one").isEqualTo(1);
    for (String provider : new String[] {"wallet-VIETTELMONEY", "wallet-VNPTMONEY"}) {   // one circuit per wallet provider
      assertThat(value(body, "resilience4j_circuitbreaker_state\\{[^}]*name=\"" + provider + "\"[^}]*state=\"closed\"[^}]*\\}"))
          .as(provider).isEqualTo(1);
    }
    assertThat(value(body, "gateway_audit_chain_head_sequence(?:\\{[^}]*\\})?")).isPositive();
    assertThat(body).containsPattern("gateway_requests_seconds_bucket\\{[^}]*partner=\"dolisa-demo\"");
  }

  @Test
  void aDeadLetteredItemIsGoneFromTheFiguresOnceReplayed() {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.update("insert into outbox (kind, owner, subject, status, attempts, next_attempt_at, created_at, updated_at)"
        + " values (?, 'dolisa-demo', 'probe', 'DEAD', 3, ?, ?, ?)", KIND, now, now, now);
    gauges.refresh();
    String before = get("/actuator/prometheus", token("ops-demo")).body();

    jdbc.update("update outbox set status = 'DONE' where kind = ?", KIND);
    gauges.refresh();
    String after = get("/actuator/prometheus", token("ops-demo")).body();

    assertThat(before).containsPattern("gateway_outbox_items\\{[^}]*kind=\"" + KIND + "\"");
    assertThat(after).doesNotContainPattern("gateway_outbox_items\\{[^}]*kind=\"" + KIND + "\"");
  }

  @Test
  void agencyCallsOpenBatchesPaymentsAndTheLastChainWalkAreScraped() {
    vn.ansinh.gateway.support.PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517",
        false);
    postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
        "{\"personalId\":\"040090000123\",\"fullName\":\"Nguyễn Văn An\",\"dateOfBirth\":\"1990-05-17\"}");
    // a probe batch on its way: two of its payments returned, one accepted
    Timestamp now = Timestamp.from(Instant.now());
    long probe = jdbc.queryForObject("insert into payment_batch (batch_id, owner, program, period, status, declared_count,"
        + " declared_sum, received_count, received_sum, invalid_count, created_at, updated_at) values"
        + " (?, 'dolisa-demo', 'SOCIAL_ALLOWANCE', '2026-10', 'DISPATCHED', 3, 0, 3, 0, 0, ?, ?) returning batch_key",
        Long.class, java.util.UUID.randomUUID().toString(), now, now);
    for (String status : new String[] {"RETURNED", "RETURNED", "ACCEPTED"}) {
      jdbc.update("insert into payment (batch_key, row_no, status) values (?, (select count(*) + 1 from payment"
          + " where batch_key = ?), ?)", probe, probe, status);
    }
    long before = System.currentTimeMillis() / 1000;
    verifications.verifyAll();
    gauges.refresh();
    gauges.refreshPayments();

    String body = get("/actuator/prometheus", token("ops-demo")).body();

    assertThat(value(body, "gateway_agency_calls_seconds_count\\{[^}]*agency=\"population-registry\"[^}]*"
        + "operation=\"TraCuuThongTinCongDan\"[^}]*outcome=\"OK\"[^}]*\\}")).isPositive();
    assertThat(body).containsPattern("gateway_agency_calls_seconds_bucket\\{[^}]*agency=\"population-registry\"");
    assertThat(value(body, "gateway_audit_verification_broken(?:\\{[^}]*\\})?")).isZero();
    assertThat(value(body, "gateway_audit_verification_timestamp_seconds(?:\\{[^}]*\\})?")).isGreaterThanOrEqualTo(before);
    assertThat(value(body, "gateway_audit_verified_checkpoint_sequence(?:\\{[^}]*\\})?"))
        .isLessThanOrEqualTo(value(body, "gateway_audit_chain_head_sequence(?:\\{[^}]*\\})?"));
    double returned = value(body, "gateway_payment_batch_payments\\{[^}]*status=\"RETURNED\"[^}]*\\}");
    assertThat(returned).isGreaterThanOrEqualTo(2);

    // once the batch is settled, its payments leave the figure
    jdbc.update("update payment_batch set status = 'SETTLED' where batch_key = ?", probe);
    gauges.refreshPayments();
    String settled = get("/actuator/prometheus", token("ops-demo")).body();
    jdbc.update("delete from payment where batch_key = ?", probe);
    jdbc.update("delete from payment_batch where batch_key = ?", probe);
    String series = "gateway_payment_batch_payments\\{[^}]*status=\"RETURNED\"[^}]*\\}";
    assertThat(Pattern.compile("(?m)^" + series).matcher(settled).find() ? value(settled, series) : 0)
        .isEqualTo(returned - 2);
  }

  private static double value(String scrape, String series) {
    Matcher m = Pattern.compile("(?m)^" + series + " ([-0-9.eE+]+)$").matcher(scrape);
    assertThat(m.find()).as("series %s in the scrape", series).isTrue();
    return Double.parseDouble(m.group(1));
  }
}
