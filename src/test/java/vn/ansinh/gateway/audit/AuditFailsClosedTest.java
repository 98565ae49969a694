package vn.ansinh.gateway.audit;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** With the audit store away, requests get 503 and nothing unaudited reaches an agency; it recovers by itself. */
class AuditFailsClosedTest extends GatewayHttpTest {

  private static final String AN = "{\"personalId\":\"040090000123\",\"fullName\":\"Nguyễn Văn An\",\"dateOfBirth\":\"1990-05-17\"}";

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  DataSource dataSource;

  @AfterEach
  void storeBack() {
    jdbc.execute("alter table if exists audit_chain_head_away rename to audit_chain_head");
  }

  private HttpResponse<String> verify() {
    return postJson("/api/v1/citizens/verifications", token("dolisa-demo"), AN);
  }

  private String auditHealth() {
    return Json.read(get("/actuator/health", null).body()).path("components").path("auditTrail").path("status").asText();
  }

  @Test
  void aStalledAuditStoreRefusesRequestsWithinASecond() throws Exception {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    assertThat(verify().statusCode()).isEqualTo(200);
    try (Connection blocker = dataSource.getConnection()) {
      // another transaction holds the chain head: the writer waits on its lock, with no error to see
      blocker.setAutoCommit(false);
      blocker.createStatement().execute("select * from audit_chain_head where id = 1 for update");
      long start = System.nanoTime();
      verify();   // its event is now stuck behind the lock
      await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100)).until(() -> verify().statusCode() == 503);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
      assertThat(auditHealth()).isEqualTo("DOWN");
      blocker.rollback();
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> verify().statusCode() == 200);
    assertThat(auditHealth()).isEqualTo("UP");
  }

  @Test
  void whileTheAuditStoreIsDownRequestsAreRefusedAndNothingReachesTheAgency() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    assertThat(verify().statusCode()).isEqualTo(200);
    assertThat(auditHealth()).isEqualTo("UP");

    jdbc.execute("alter table audit_chain_head rename to audit_chain_head_away");   // the store fails to write
    await().atMost(Duration.ofSeconds(10)).until(() -> verify().statusCode() == 503);
    registry.resetRequests();

    HttpResponse<String> refused = verify();
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/problem+json");
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).contains("audit-unavailable");
    registry.verify(0, postRequestedFor(urlEqualTo("/population")));
    assertThat(auditHealth()).isEqualTo("DOWN");

    jdbc.execute("alter table audit_chain_head_away rename to audit_chain_head");
    await().atMost(Duration.ofSeconds(10)).until(() -> verify().statusCode() == 200);
    assertThat(auditHealth()).isEqualTo("UP");
    // the refusals were kept and stored once the store came back, and the chain still verifies
    await().atMost(Duration.ofSeconds(10)).until(() ->
        Json.read(get("/api/v1/audit/integrity", token("infosec-demo")).body()).path("verified").asBoolean());
    assertThat(jdbc.queryForObject("select count(*) from audit_event where status = 503 and service = 'citizen-verification'",
        Integer.class)).isGreaterThanOrEqualTo(2);
  }
}
