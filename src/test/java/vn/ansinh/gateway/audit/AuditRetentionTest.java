package vn.ansinh.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Old events go to a signed archive and leave the table; the chain still verifies from the signed cut. */
class AuditRetentionTest extends GatewayHttpTest {

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  AuditRetention retention;

  @Autowired
  IntegrityVerifier verifier;

  @Autowired
  AuditTrail trail;

  private void traffic() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    for (int i = 0; i < 5; i++) {
      postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
          "{\"personalId\":\"040090000123\",\"fullName\":\"Nguyễn Văn An\",\"dateOfBirth\":\"1990-05-17\"}");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> trail.pending() == 0);
  }

  @Test
  void oldEventsAreArchivedAndRemovedAndTheChainStillVerifiesAcrossTheCut() throws Exception {
    traffic();
    long before = jdbc.queryForObject("select count(*) from audit_event", Long.class);

    AuditRetention.Cut cut = retention.cut(Instant.now()).orElseThrow();

    assertThat(cut.removed()).isPositive();
    assertThat(jdbc.queryForObject("select count(*) from audit_event where seq <= ?", Long.class, cut.lastSeq())).isZero();
    assertThat(jdbc.queryForObject("select count(*) from audit_event", Long.class)).isLessThan(before);
    ByteArrayOutputStream said = new ByteArrayOutputStream();
    assertThat(AuditVerifyCommand.run(new String[] {cut.archive().toString()}, new PrintStream(said, true,
        StandardCharsets.UTF_8))).as(said.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(Files.size(cut.archive())).isPositive();

    traffic();
    IntegrityReport report = verifier.verify(null, null);
    assertThat(report.verified()).as(report.reason()).isTrue();
    assertThat(report.firstSeq()).isEqualTo(cut.lastSeq() + 1);

    // outside a retention run, the table still refuses deletes
    Long oldest = jdbc.queryForObject("select min(seq) from audit_event", Long.class);
    assertThatThrownBy(() -> jdbc.update("delete from audit_event where seq = ?", oldest))
        .hasMessageContaining("append-only");
  }
}
