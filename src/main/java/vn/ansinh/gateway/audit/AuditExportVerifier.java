package vn.ansinh.gateway.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Checks an export offline, trusting nothing but the audit keys the inspector compares with the
 * gateway's published fingerprints: the manifest's signature, each file's SHA-256, every event's
 * hash and link, and every checkpoint's signature. Events are read as a stream.
 */
public final class AuditExportVerifier {

  private AuditExportVerifier() {}

  /** What was verified, or the first thing that does not hold. */
  public record Result(boolean verified, long events, long checkpoints, Long firstSeq, Long lastSeq,
      Long firstBrokenSeq, String reason, List<String> keyIds) {}

  public static Result verify(Path export) throws IOException {
    try (ZipFile zip = new ZipFile(export.toFile())) {
      JsonNode manifest = read(zip, "manifest.json");
      JsonNode keysJson = read(zip, "keys.json");
      if (manifest == null || keysJson == null || zip.getEntry("events.jsonl") == null
          || zip.getEntry("checkpoints.jsonl") == null) {
        return broken(0, 0, null, "the export is missing one of its files");
      }
      Map<String, String> keys = new HashMap<>();
      List<String> keyIds = new ArrayList<>();
      keysJson.forEach(k -> {
        keys.put(k.path("keyId").asText(), k.path("publicKey").asText());
        keyIds.add(k.path("keyId").asText());
      });
      ObjectNode unsigned = ((ObjectNode) manifest.deepCopy());
      String signature = unsigned.remove("signature") == null ? null : manifest.path("signature").asText();
      byte[] signedPart = AuditExport.JSON.writeValueAsBytes(AuditExport.JSON.treeToValue(unsigned, Object.class));
      if (!AuditSigningKey.verifiesBytes(keys.get(manifest.path("keyId").asText()), signedPart, signature)) {
        return broken(0, 0, null, "the manifest's signature does not verify");
      }
      for (String name : List.of("events.jsonl", "checkpoints.jsonl", "keys.json")) {
        if (!sha256(zip, name).equals(manifest.path("sha256").path(name).asText())) {
          return broken(0, 0, null, name + " is not the file that was signed");
        }
      }
      Map<Long, ChainWalk.Checkpoint> checkpoints = new HashMap<>();
      lines(zip, "checkpoints.jsonl", c -> checkpoints.put(c.path("seq").asLong(),
          new ChainWalk.Checkpoint(c.path("headHash").asText(), c.path("keyId").asText(), c.path("signature").asText())));
      return walk(zip, checkpoints, keys, keyIds);
    }
  }

  private static Result walk(ZipFile zip, Map<Long, ChainWalk.Checkpoint> checkpoints, Map<String, String> keys,
      List<String> keyIds) throws IOException {
    ChainWalk walk = null;
    Long first = null;
    try (BufferedReader in = reader(zip, "events.jsonl")) {
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        AuditExport.Line line = AuditExport.JSON.readValue(text, AuditExport.Line.class);
        if (walk == null) {
          first = line.seq();
          walk = new ChainWalk(first, first == 1 ? AuditChain.GENESIS_HASH : null, checkpoints, keys);
        }
        if (!walk.next(line.seq(), line.prevHash(), line.event(), line.hash())) {
          return broken(walk.events(), walk.checkpoints(), walk.brokenSeq(), walk.reason());
        }
      }
    }
    if (walk == null) {
      return new Result(true, 0, 0, null, null, null, null, keyIds);
    }
    return new Result(true, walk.events(), walk.checkpoints(), first, walk.expectedSeq() - 1, null, null, keyIds);
  }

  private static Result broken(long events, long checkpoints, Long seq, String reason) {
    return new Result(false, events, checkpoints, null, null, seq, reason, List.of());
  }

  private interface LineHandler {
    void handle(JsonNode line);
  }

  private static void lines(ZipFile zip, String name, LineHandler handler) throws IOException {
    try (BufferedReader in = reader(zip, name)) {
      for (String text = in.readLine(); text != null; text = in.readLine()) {
        handler.handle(AuditExport.JSON.readTree(text));
      }
    }
  }

  private static BufferedReader reader(ZipFile zip, String name) throws IOException {
    return new BufferedReader(new InputStreamReader(zip.getInputStream(zip.getEntry(name)), StandardCharsets.UTF_8));
  }

  private static JsonNode read(ZipFile zip, String name) throws IOException {
    ZipEntry e = zip.getEntry(name);
    if (e == null) {
      return null;
    }
    try (InputStream in = zip.getInputStream(e)) {
      return AuditExport.JSON.readTree(in);
    }
  }

  private static String sha256(ZipFile zip, String name) throws IOException {
    MessageDigest digest = AuditChain.newDigest();
    try (InputStream in = zip.getInputStream(zip.getEntry(name))) {
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
