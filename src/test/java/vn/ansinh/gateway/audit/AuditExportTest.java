package vn.ansinh.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.GatewayApplication;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/** An inspector takes an export away and checks it offline; a changed byte, or a re-signed manifest, is caught. */
class AuditExportTest extends GatewayHttpTest {

  @Autowired
  JdbcTemplate jdbc;

  private Path export;

  @BeforeEach
  void exported() throws Exception {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    for (int i = 0; i < 8; i++) {
      postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
          "{\"personalId\":\"040090000123\",\"fullName\":\"Nguyễn Văn An\",\"dateOfBirth\":\"1990-05-17\"}");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject("select count(*) from audit_checkpoint",
        Long.class) >= 1);
    HttpResponse<byte[]> zip = http.send(HttpRequest.newBuilder(url("/api/v1/audit/export"))
        .header("Authorization", "Bearer " + token("infosec-demo")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(zip.statusCode()).isEqualTo(200);
    assertThat(zip.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/zip");
    export = Files.createTempFile("audit-export-", ".zip");
    Files.write(export, zip.body());
  }

  private static String verify(Path file, int expectedExit) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int exit = AuditVerifyCommand.run(new String[] {file.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8));
    String said = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(said).isEqualTo(expectedExit);
    return said;
  }

  /** The same archive with one entry's bytes changed by {@code change}. */
  private Path altered(String entry, java.util.function.UnaryOperator<String> change) throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(export.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        entries.put(e.getName(), zip.getInputStream(e).readAllBytes());
      }
    }
    entries.put(entry, change.apply(new String(entries.get(entry), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    Path copy = Files.createTempFile("audit-export-altered-", ".zip");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(copy))) {
      for (var e : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
    }
    return copy;
  }

  @Test
  void anExportVerifiesOfflineWithItsCheckpoints() throws Exception {
    String said = verify(export, 0);
    assertThat(said).startsWith("VERIFIED").contains("signed checkpoints").doesNotContain(" 0 signed checkpoints");
    assertThat(get("/api/v1/audit/export", token("dolisa-demo")).statusCode()).isEqualTo(403);
  }

  @Test
  void aChangedByteInTheEventsIsCaught() throws Exception {
    Path changed = altered("events.jsonl", text -> text.replaceFirst("\"outcome\":\"OK\"", "\"outcome\":\"OL\""));
    assertThat(verify(changed, 1)).startsWith("NOT VERIFIED").contains("events.jsonl is not the file that was signed");
  }

  @Test
  void aManifestEditedToMatchAChangedFileNoLongerVerifies() throws Exception {
    Path changed = altered("manifest.json", text -> text.replaceFirst("\"events\":[0-9]+", "\"events\":1"));
    assertThat(verify(changed, 1)).contains("the manifest's signature does not verify");
  }

  @Test
  void theVerifierShipsInTheGatewaysOwnMain() throws Exception {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
        classpath, GatewayApplication.class.getName(), "audit-verify", export.toString())).redirectErrorStream(true).start();
    String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(said).isZero();
    assertThat(said).contains("VERIFIED");
  }
}
