package vn.ansinh.gateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import vn.ansinh.gateway.support.ForkedGateway;
import vn.ansinh.gateway.support.Json;

/**
 * deploy/application-prod-example.yaml, filled in as deploy/README.md tells a newcomer (every
 * REPLACE_ME replaced, keys made with the commands shown there), starts the prod profile against an
 * external PostgreSQL (here one this test starts) and gets ready; its partners get tokens.
 */
class ProductionExampleTest {

  private static final String SECRET = "a-partner-secret-handed-over-securely";
  private final Path folder = Path.of("target", "prod-example-test", Long.toString(System.nanoTime())).toAbsolutePath();
  private EmbeddedPostgres postgres;
  private ForkedGateway gateway;

  @AfterEach
  void stop() throws Exception {
    if (gateway != null) {
      gateway.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void theExampleConfigurationFilledInStartsProdAndGetsReady() throws Exception {
    Path keys = Files.createDirectories(folder.resolve("keys"));
    pem(keys.resolve("token-signing.pem"), "PRIVATE KEY", rsa().getPrivate().getEncoded());
    KeyPair audit = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    pem(keys.resolve("audit-signing.pem"), "PRIVATE KEY", audit.getPrivate().getEncoded());
    pem(keys.resolve("audit-signing.pem.pub"), "PUBLIC KEY", audit.getPublic().getEncoded());
    String hash = "{bcrypt}" + new BCryptPasswordEncoder().encode(SECRET);
    String example = Files.readString(Path.of("deploy", "application-prod-example.yaml"))
        .replace("{bcrypt}$2a$10$REPLACE_ME", hash).replace("REPLACE_ME", "3711.0.1055001");
    assertThat(example).doesNotContain("REPLACE_ME");
    Path config = folder.resolve("application-prod-partners.yaml");
    Files.writeString(config, example);
    postgres = EmbeddedPostgres.builder().setDataDirectory(folder.resolve("external-postgres"))
        .setCleanDataDirectory(true).start();

    gateway = new ForkedGateway(folder.resolve("gateway"),
        "--spring.profiles.active=prod",
        "--spring.config.additional-location=file:" + config,
        "--DB_URL=" + postgres.getJdbcUrl("postgres", "postgres"),
        "--DB_USER=postgres",
        "--DB_PASSWORD=",
        "--GATEWAY_SIGNING_KEY=" + keys.resolve("token-signing.pem"),
        "--GATEWAY_AUDIT_SIGNING_KEY=" + keys.resolve("audit-signing.pem"),
        "--GATEWAY_AUDIT_SUBJECT_KEY=" + Base64.getEncoder().encodeToString(new byte[48]).replace('A', 'k'),
        "--BANK_970405_JWS_KEY=classpath:keys/bank-970405.pub.pem",
        "--BANK_970415_JWS_KEY=classpath:keys/bank-970415.pub.pem");
    gateway.start(1);

    assertThat(gateway.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    assertThat(gateway.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
    String token = gateway.token("dolisa-40", SECRET);
    assertThat(Json.read(gateway.get("/api/v1/payment-batches/unknown", token).body()).path("status").asInt())
        .isEqualTo(404);
    // prod logs one JSON object per line (Elastic Common Schema) for the log shipper
    assertThat(Files.readAllLines(gateway.folder().resolve("console.log")).stream()
        .filter(line -> line.startsWith("{")).map(Json::read))
        .anySatisfy(line -> {
          assertThat(line.path("message").asText()).contains("Started GatewayApplication");
          assertThat(line.path("log").path("level").asText()).isEqualTo("INFO");
        });
  }

  private static KeyPair rsa() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(2048);
    return g.generateKeyPair();
  }

  private static void pem(Path file, String type, byte[] der) throws IOException {
    Files.writeString(file, "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n");
  }
}
