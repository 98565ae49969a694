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
import vn.ansinh.gateway.support.BankSignatures;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.PopulationRegistryStubs;
import vn.ansinh.gateway.support.RawHttp;

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

  @Test
  void whatACallerSendsInOddPlacesIsNotEchoedIntoTheLogByALibrary() throws Exception {
    String other = "079188009876";   // no other test sends it
    // CXF names the document it could not find, Tomcat the parameter it could not decode, Prowide
    // the message it could not read: each of these once wrote the caller's text into the log
    assertThat(get("/ws/citizen?wsdl=" + other, token("dolisa-demo")).body()).contains("soap:Client");
    assertThat(get("/ws/citizen?xsd=" + other + "%0a2026-01-01T00:00:00.000Z%20ERROR%20forged", token("dolisa-demo"))
        .body()).contains("soap:Client");
    assertThat(RawHttp.send(port, "GET /api/v1/audit/events?partner=" + other + "%zz HTTP/1.1\r\nHost: localhost\r\n"
        + "Authorization: Bearer " + token("infosec-demo") + "\r\nConnection: close\r\n\r\n").status()).isEqualTo(400);
    assertThat(RawHttp.send(port, "GET /ws/citizen?wsdl=" + other + "%zz HTTP/1.1\r\nHost: localhost\r\n"
        + "Connection: close\r\n\r\n").body()).contains("soap:Client");
    String report = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.002.001.10\">" + other + "</Documen>";
    assertThat(postBody("/api/v1/payment-reports", token("bank-970405-demo"), "application/xml", report,
        "X-JWS-Signature", BankSignatures.sign("970405", report)).statusCode()).isEqualTo(400);
    // a value in the wrong element: the schema's complaint quotes it
    assertThat(postSoap("/ws/citizen", token("dolisa-demo"), "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:v=\"urn:ansinh:gateway:citizen:v1\"><soap:Body><v:VerifyCitizenRequest><v:personalId>" + other
        + "</v:personalId><v:fullName>" + NAME + "</v:fullName><v:dateOfBirth>" + other + "</v:dateOfBirth>"
        + "</v:VerifyCitizenRequest></soap:Body></soap:Envelope>").body()).contains("soap:Client");
    postSoap("/ws/citizen", token("dolisa-demo"), "<Envelope><Body><VerifyCitizenRequest><personalId>" + other
        + "</personalId></VerifyCitizenRequest></Body></Envelope>");

    String log = Files.readString(logFile, StandardCharsets.UTF_8);
    assertThat(log).doesNotContain(other).doesNotContain("forged");
  }
}
