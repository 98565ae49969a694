package vn.ansinh.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.ansinh.gateway.support.GatewayHttpTest;
import vn.ansinh.gateway.support.Json;
import vn.ansinh.gateway.support.PopulationRegistryStubs;

/**
 * Someone with database access edits, deletes, inserts or reorders audit rows (the append-only
 * trigger switched off, as a DBA could); /audit/integrity names the first broken sequence number,
 * and so does the offline verifier run on an export the gateway signs afterwards.
 */
class AuditIntegrityTest extends GatewayHttpTest {

  @Autowired
  JdbcTemplate jdbc;

  @Autowired
  AuditTrail trail;

  @Autowired
  javax.sql.DataSource dataSource;

  @Autowired
  org.springframework.transaction.support.TransactionTemplate tx;

  private long victim;

  @BeforeEach
  void someVerificationsAreOnRecord() {
    PopulationRegistryStubs.citizen(registry, "040090000123", "Nguyễn Văn An", "19900517", false);
    for (int i = 0; i < 3; i++) {
      postJson("/api/v1/citizens/verifications", token("dolisa-demo"),
          "{\"personalId\":\"040090000123\",\"fullName\":\"Nguyễn Văn An\",\"dateOfBirth\":\"1990-05-17\"}");
    }
    awaitWritten();
    assertThat(integrity().get("verified").asBoolean()).isTrue();
    victim = jdbc.queryForObject("select max(seq) - 3 from audit_event", Long.class);
    jdbc.execute("alter table audit_event disable trigger audit_event_no_update");
  }

  @AfterEach
  void appendOnlyAgain() {
    jdbc.execute("alter table audit_event enable trigger audit_event_no_update");
  }

  private void awaitWritten() {
    await().atMost(Duration.ofSeconds(5)).until(() -> trail.pending() == 0);
  }

  private JsonNode integrity() {
    return Json.read(get("/api/v1/audit/integrity", token("infosec-demo")).body());
  }

  /** Online and offline both stop at the same sequence number. */
  @Test
  void aWindowWithNoEventInItIsVerifiedAsEmpty() {
    // before the first event, and between two events (the walk once read a missing end as a number)
    for (String window : new String[] {"to=2000-01-01T00:00:00Z", "from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z",
        "from=2190-01-01T00:00:00Z"}) {
      HttpResponse<String> response = get("/api/v1/audit/integrity?" + window, token("infosec-demo"));
      assertThat(response.statusCode()).as(window).isEqualTo(200);
      assertThat(Json.read(response.body()).get("verified").asBoolean()).as(window).isTrue();
      assertThat(Json.read(response.body()).get("events").asLong()).as(window).isZero();
    }
  }

  private void bothFindTheBreakAt(long seq) throws Exception {
    JsonNode report = integrity();
    assertThat(report.get("verified").asBoolean()).isFalse();
    assertThat(report.get("firstBrokenSeq").asLong()).isEqualTo(seq);
    AuditExportVerifier.Result offline = OfflineCheck.of(http, url("/api/v1/audit/export"), token("infosec-demo"));
    assertThat(offline.verified()).isFalse();
    assertThat(offline.firstBrokenSeq()).as(offline.reason()).isEqualTo(seq);
  }

  @Test
  void anEditedRowIsFound() throws Exception {
    String outcome = jdbc.queryForObject("select outcome from audit_event where seq = ?", String.class, victim);
    jdbc.update("update audit_event set outcome = 'OK_EDITED' where seq = ?", victim);
    try {
      bothFindTheBreakAt(victim);
    } finally {
      jdbc.update("update audit_event set outcome = ? where seq = ?", outcome, victim);
    }
    assertThat(integrity().get("verified").asBoolean()).isTrue();
  }

  @Test
  void aDeletedRowIsFound() throws Exception {
    Map<String, Object> row = jdbc.queryForMap("select * from audit_event where seq = ?", victim);
    jdbc.update("delete from audit_event where seq = ?", victim);
    try {
      bothFindTheBreakAt(victim);
    } finally {
      restore(row);
    }
    assertThat(integrity().get("verified").asBoolean()).isTrue();
  }

  @Test
  void reorderedRowsAreFound() throws Exception {
    jdbc.update("update audit_event set seq = -1 where seq = ?", victim);
    jdbc.update("update audit_event set seq = ? where seq = ?", victim, victim + 1);
    jdbc.update("update audit_event set seq = ? where seq = -1", victim + 1);
    try {
      bothFindTheBreakAt(victim);
    } finally {
      jdbc.update("update audit_event set seq = -1 where seq = ?", victim);
      jdbc.update("update audit_event set seq = ? where seq = ?", victim, victim + 1);
      jdbc.update("update audit_event set seq = ? where seq = -1", victim + 1);
    }
    assertThat(integrity().get("verified").asBoolean()).isTrue();
  }

  @Test
  void anInsertedRowIsFound() throws Exception {
    // a fabricated event slipped in before the victim, itself hashed correctly onto its predecessor;
    // the writer waits meanwhile, or its next append would take the number the shift moved up
    awaitWritten();
    trail.stop();
    shift(victim, 1);
    String before = jdbc.queryForObject("select hash from audit_event where seq = ?", String.class, victim - 1);
    ChainedAuditEvent fake = AuditChain.append(victim, before, new AuditEvent(java.time.Instant.now(),
        AuditEvent.Direction.INBOUND, "dolisa-demo", null, null, "citizen-verification", "verifyCitizen", "OK", 200,
        12, "fabricated", null, null, null));
    insert(fake);
    try {
      // the fabricated row holds (unless a checkpoint was signed at its place); the one after it no
      // longer links to what precedes it
      long found = integrity().get("firstBrokenSeq").asLong();
      assertThat(found).isBetween(victim, victim + 1);
      bothFindTheBreakAt(found);
    } finally {
      jdbc.update("delete from audit_event where seq = ?", victim);
      shift(victim + 1, -1);
      trail.start();
    }
    assertThat(integrity().get("verified").asBoolean()).isTrue();
  }

  /** Moves the rows from {@code seq} on by {@code by} places, through negative numbers (seq is the key). */
  private void shift(long seq, int by) {
    jdbc.update("update audit_event set seq = -(seq + ?) where seq >= ?", by, seq);
    jdbc.update("update audit_event set seq = -seq where seq < 0");
  }

  private void insert(ChainedAuditEvent c) {
    AuditEvent e = c.event();
    jdbc.update("insert into audit_event (" + AuditStore.COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        c.seq(), java.sql.Timestamp.from(e.occurredAt()), e.direction().name(), e.partner(), e.xroadClient(),
        e.xroadId(), e.service(), e.operation(), e.outcome(), e.status(), e.latencyMs(), e.requestId(),
        e.requestSha256(), e.responseSha256(), e.subjectHash(), e.traceId(), c.prevHash(), c.hash());
  }

  @Test
  void aWalkSplitIntoSegmentsFindsWhatOneWalkFinds() throws Exception {
    // three segments even over this small trail; rows around where the second one starts are broken
    IntegrityVerifier split = new IntegrityVerifier(dataSource, tx, 3, 1);
    IntegrityVerifier single = new IntegrityVerifier(dataSource, tx, 1, Long.MAX_VALUE);
    awaitWritten();
    IntegrityReport whole = split.verify(null, null);
    assertThat(whole.verified()).as(whole.reason()).isTrue();
    long secondStart = 1 + whole.lastSeq() / 3;   // as the walk cuts 1..lastSeq in three
    for (long seq : new long[] {secondStart - 1, secondStart, secondStart + 1}) {
      Map<String, Object> row = jdbc.queryForMap("select * from audit_event where seq = ?", seq);
      jdbc.update("delete from audit_event where seq = ?", seq);
      try {
        IntegrityReport report = split.verify(null, null);
        assertThat(report.verified()).isFalse();
        assertThat(report.firstBrokenSeq()).isEqualTo(seq).isEqualTo(single.verify(null, null).firstBrokenSeq());
      } finally {
        restore(row);
      }
      String outcome = jdbc.queryForObject("select outcome from audit_event where seq = ?", String.class, seq);
      jdbc.update("update audit_event set outcome = 'OK_EDITED' where seq = ?", seq);
      try {
        assertThat(split.verify(null, null).firstBrokenSeq()).isEqualTo(seq);
      } finally {
        jdbc.update("update audit_event set outcome = ? where seq = ?", outcome, seq);
      }
    }
    assertThat(split.verify(null, null).verified()).isTrue();
  }

  @Test
  void aTruncatedTailIsFound() {
    long last = jdbc.queryForObject("select last_seq from audit_chain_head", Long.class);
    Map<String, Object> row = jdbc.queryForMap("select * from audit_event where seq = ?", last);
    jdbc.update("delete from audit_event where seq = ?", last);
    try {
      JsonNode report = integrity();
      assertThat(report.get("verified").asBoolean()).isFalse();
      assertThat(report.get("firstBrokenSeq").asLong()).isEqualTo(last);
    } finally {
      restore(row);
    }
  }

  @Test
  void theAppendOnlyTriggerRefusesChangesWhenOn() {
    jdbc.execute("alter table audit_event enable trigger audit_event_no_update");

    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> jdbc.update("update audit_event set outcome = 'X' where seq = ?", victim))
        .hasMessageContaining("append-only");
  }

  @Test
  void eventsAreSearchableByPersonalIdThroughTheKeyedHashOnly() {
    JsonNode page = Json.read(get("/api/v1/audit/events?personalId=040090000123&size=10", token("infosec-demo")).body());
    JsonNode inbound = page.get("events").get(0);

    assertThat(page.get("events").size()).isGreaterThanOrEqualTo(2);
    assertThat(inbound.get("subjectHash").asText()).hasSize(64).isNotEqualTo("040090000123");
    assertThat(page.toString()).doesNotContain("040090000123");
    JsonNode outbound = Json.read(get("/api/v1/audit/events?service=population-registry&size=1",
        token("infosec-demo")).body()).get("events").get(0);
    assertThat(outbound.get("direction").asText()).isEqualTo("OUTBOUND");
    assertThat(outbound.get("operation").asText()).isEqualTo("TraCuuThongTinCongDan");
    assertThat(outbound.get("partner").asText()).isEqualTo("dolisa-demo");
  }

  private void restore(Map<String, Object> row) {
    jdbc.update("insert into audit_event (" + AuditStore.COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
        row.get("seq"), row.get("occurred_at"), row.get("direction"), row.get("partner"), row.get("xroad_client"),
        row.get("xroad_id"), row.get("service"), row.get("operation"), row.get("outcome"), row.get("status"),
        row.get("latency_ms"), row.get("request_id"), row.get("request_sha256"), row.get("response_sha256"),
        row.get("subject_hash"), row.get("trace_id"), row.get("prev_hash"), row.get("hash"));
  }
}
