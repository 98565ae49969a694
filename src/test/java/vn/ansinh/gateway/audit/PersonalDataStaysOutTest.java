package vn.ansinh.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** Raw personal ids and names never reach the audit trail or the application log. */
class PersonalDataStaysOutTest extends GatewayHttpTest {

  private static final String ID = "079188001234";
  private static final String NAME = "Phạm Thị Lan";

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  AuditTrail trail;

  @Value("${logging.file.name}")
  Path logFile;

  @Test
  void noRawIdOrNameInAuditRowsOrLogs() throws Exception {
    PopulationRegistryStubs.citizen(registry, ID, NAME, "19881130", false);
    String ok = "{\"personalId\":\"" + ID + "\",\"fullName\":\"" + NAME + "\",\"dateOfBirth\":\"1988-11-30\"}";
    postJson("/api/v1/citizens/verifications", token("dolisa-demo"), ok);
    postJson("/api/v1/citizens/verifications", token("dolisa-demo"), ok.replace("1988-11-30", "1988-11-31"));
    postJson("/api/v1/citizens/verifications", token("dolisa-demo"), ok.replace("1988", "1999"));
    postJson("/api/v1/citizens/verifications", null, ok);
    postSoap("/ws/citizen", token("dolisa-demo"), "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:v=\"urn:ansinh:gateway:citizen:v1\"><soap:Body><v:VerifyCitizenRequest><v:personalId>" + ID
        + "</v:personalId><v:fullName>" + NAME + "</v:fullName><v:dateOfBirth>1988-11-30</v:dateOfBirth>"
        + "</v:VerifyCitizenRequest></soap:Body></soap:Envelope>");
    registry.resetAll();
    postJson("/api/v1/citizens/verifications", token("dolisa-demo"), ok);
    await().atMost(Duration.ofSeconds(5)).until(() -> trail.pending() == 0);

    List<Map<String, Object>> rows = jdbc.queryForList("select * from audit_event");
    assertThat(rows).isNotEmpty();
    assertThat(rows.toString()).doesNotContain(ID).doesNotContain(NAME).doesNotContain("Lan");
    assertThat(jdbc.queryForObject("select count(*) from audit_event where subject_hash is not null", Long.class))
        .isPositive();

    String log = Files.readString(logFile, StandardCharsets.UTF_8);
    assertThat(log).isNotBlank().doesNotContain(ID).doesNotContain(NAME);
  }
}
