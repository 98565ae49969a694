package vn.ansinh.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * The chain head is signed every few events; a checkpoint that was forged, altered or signed by
 * another key is found (a checkpoint naming an unregistered key cannot even be stored: foreign key).
 */
class AuditCheckpointTest extends GatewayHttpTest {

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  IntegrityVerifier verifier;

  private Map<String, Object> original;

  @BeforeEach
  void traffic() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    for (int i = 0; i < 12; i++) {
      postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
          "{\"personalId\":\"040090000123\",\"fullName\":\"Nguyễn Văn An\",\"dateOfBirth\":\"1990-05-17\"}");
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.queryForObject(
        "select count(*) from audit_checkpoint", Long.class) >= 2);
    original = jdbc.queryForMap("select * from audit_checkpoint where seq = (select max(seq) from audit_checkpoint)");
  }

  @AfterEach
  void restore() {
    jdbc.update("update audit_checkpoint set head_hash = ?, key_id = ?, signature = ? where seq = ?",
        original.get("head_hash"), original.get("key_id"), original.get("signature"), original.get("seq"));
  }

  private long seq() {
    return ((Number) original.get("seq")).longValue();
  }

  @Test
  void theChainHeadIsSignedAndTheSignaturesVerify() {
    IntegrityReport report = verifier.verify(null, null);
    assertThat(report.verified()).as(report.reason()).isTrue();
    assertThat(report.checkpoints()).isGreaterThanOrEqualTo(2);
    String key = jdbc.queryForObject("select public_key from audit_signing_key where key_id = ?", String.class,
        original.get("key_id"));
    assertThat(AuditSigningKey.verifies(key, seq(), (String) original.get("head_hash"), (String) original.get("signature")))
        .isTrue();
  }

  /** The gateway's own check and the offline verifier, on an export signed afterwards, both stop at the checkpoint. */
  private void bothFindTheBreakAt(String why) throws Exception {
    IntegrityReport report = verifier.verify(null, null);
    assertThat(report.verified()).isFalse();
    assertThat(report.firstBrokenSeq()).isEqualTo(seq());
    assertThat(report.reason()).contains(why);
    AuditExportVerifier.Result offline = OfflineCheck.of(http, url("/api/v1/audit/export"), token("infosec-demo"));
    assertThat(offline.verified()).isFalse();
    assertThat(offline.firstBrokenSeq()).isEqualTo(seq());
    assertThat(offline.reason()).contains(why);
  }

  @Test
  void aForgedSignatureIsFound() throws Exception {
    byte[] signature = Base64.getDecoder().decode((String) original.get("signature"));
    signature[10] ^= 1;
    jdbc.update("update audit_checkpoint set signature = ? where seq = ?", Base64.getEncoder().encodeToString(signature),
        seq());

    bothFindTheBreakAt("signature");
  }

  @Test
  void aChainThatNoLongerMatchesWhatWasSignedIsFound() throws Exception {
    // as after an edit re-hashed to the end: the chain holds together, but not what was signed
    jdbc.update("update audit_checkpoint set head_hash = ? where seq = ?", "ab".repeat(32), seq());

    bothFindTheBreakAt("does not match the chain");
  }

  @Test
  void aCheckpointSignedWithAnotherKeyIsFound() throws Exception {
    var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(pair.getPrivate());
    s.update(AuditSigningKey.signed(seq(), (String) original.get("head_hash")));
    String forged = Base64.getEncoder().encodeToString(s.sign());
    jdbc.update("update audit_checkpoint set signature = ? where seq = ?", forged, seq());

    bothFindTheBreakAt("signature");
  }
}
