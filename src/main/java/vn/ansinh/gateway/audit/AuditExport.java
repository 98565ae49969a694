package vn.ansinh.gateway.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A signed export of the trail for an inspector (X-Road's message-log containers are the model): a
 * zip of events.jsonl (every field, with seq, prevHash and hash), checkpoints.jsonl, keys.json
 * (the registered public keys) and manifest.json (the range, each file's SHA-256, signed with the
 * audit key). Streamed from one snapshot; {@link AuditExportVerifier} checks it offline.
 */
@Service
public class AuditExport {

  static final ObjectMapper JSON = JsonMapper.builder().addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
  private static final int FETCH_SIZE = 5000;
  private final JdbcTemplate jdbc;
  private final TransactionTemplate snapshot;
  private final AuditSigningKey key;

  public AuditExport(DataSource dataSource, TransactionTemplate tx, AuditSigningKey key) {
    this.jdbc = new JdbcTemplate(dataSource);
    this.jdbc.setFetchSize(FETCH_SIZE);
    this.snapshot = new TransactionTemplate(tx.getTransactionManager());
    this.snapshot.setReadOnly(true);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.key = key;
  }

  /** One exported event: its place in the chain and every field that is hashed. */
  record Line(long seq, String prevHash, String hash, AuditEvent event) {}

  public void write(Instant from, Instant to, OutputStream out) {
    write(from, to, Long.MAX_VALUE, out);
  }

  /** The events in the time range up to {@code lastSeq} (retention archives a prefix of the chain). */
  void write(Instant from, Instant to, long lastSeq, OutputStream out) {
    snapshot.executeWithoutResult(status -> {
      try {
        ZipOutputStream zip = new ZipOutputStream(out);
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", "ansinh-audit-export/1");
        manifest.put("exportedAt", Instant.now().toString());
        manifest.put("from", from == null ? null : from.toString());
        manifest.put("to", to == null ? null : to.toString());
        Map<String, String> digests = new LinkedHashMap<>();
        long[] range = {Long.MAX_VALUE, Long.MIN_VALUE, 0};
        digests.put("events.jsonl", entry(zip, "events.jsonl", sink -> jdbc.query("select " + AuditStore.COLUMNS
            + " from audit_event where (?::timestamptz is null or occurred_at >= ?) and (?::timestamptz is null or occurred_at < ?)"
            + " and seq <= ? order by seq", rs -> {
              ChainedAuditEvent c = AuditStore.map(rs);
              range[0] = Math.min(range[0], c.seq());
              range[1] = Math.max(range[1], c.seq());
              range[2]++;
              sink.line(new Line(c.seq(), c.prevHash(), c.hash(), c.event()));
            }, ts(from), ts(from), ts(to), ts(to), lastSeq)));
        digests.put("checkpoints.jsonl", entry(zip, "checkpoints.jsonl", sink -> jdbc.query(
            "select seq, head_hash, signed_at, key_id, signature from audit_checkpoint where seq between ? and ? order by seq",
            rs -> {
              Map<String, Object> c = new LinkedHashMap<>();
              c.put("seq", rs.getLong(1));
              c.put("headHash", rs.getString(2));
              c.put("signedAt", rs.getTimestamp(3).toInstant().toString());
              c.put("keyId", rs.getString(4));
              c.put("signature", rs.getString(5));
              sink.line(c);
            }, range[0], range[1])));
        List<Map<String, Object>> keys = new ArrayList<>();
        jdbc.query("select key_id, algorithm, public_key, created_at from audit_signing_key order by created_at", rs -> {
          Map<String, Object> k = new LinkedHashMap<>();
          k.put("keyId", rs.getString(1));
          k.put("algorithm", rs.getString(2));
          k.put("publicKey", rs.getString(3));
          keys.add(k);
        });
        digests.put("keys.json", entry(zip, "keys.json", sink -> sink.raw(JSON.writeValueAsBytes(keys))));
        manifest.put("events", range[2]);
        manifest.put("firstSeq", range[2] == 0 ? null : range[0]);
        manifest.put("lastSeq", range[2] == 0 ? null : range[1]);
        manifest.put("sha256", digests);
        manifest.put("keyId", key.keyId());
        byte[] signedPart = JSON.writeValueAsBytes(manifest);
        manifest.put("signature", key.signBytes(signedPart));
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(JSON.writeValueAsBytes(manifest));
        zip.closeEntry();
        zip.finish();
        zip.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static Timestamp ts(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }

  /** Writes one zip entry through a digest; returns its SHA-256. */
  private static String entry(ZipOutputStream zip, String name, Body body) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    MessageDigest digest = AuditChain.newDigest();
    body.write(new Sink(zip, digest));
    zip.closeEntry();
    return HexFormat.of().formatHex(digest.digest());
  }

  private interface Body {
    void write(Sink sink) throws IOException;
  }

  private record Sink(ZipOutputStream zip, MessageDigest digest) {
    void line(Object value) {
      try {
        raw(JSON.writeValueAsBytes(value));
        raw(new byte[] {'\n'});
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    void raw(byte[] bytes) throws IOException {
      zip.write(bytes);
      digest.update(bytes);
    }
  }
}
