package vn.ansinh.gateway.audit;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code java -jar ansinh-gateway.jar audit-verify export.zip}: checks an audit export offline and
 * says what it verified, or the first thing that does not hold. Exit code 0 when verified.
 */
public final class AuditVerifyCommand {

  private AuditVerifyCommand() {}

  public static int run(String[] args, PrintStream out) {
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
      out.println("usage: java -jar ansinh-gateway.jar audit-verify <export.zip>");
      return 2;
    }
    try {
      AuditExportVerifier.Result r = AuditExportVerifier.verify(Path.of(args[0]));
      if (r.verified()) {
        out.printf("VERIFIED %d events (seq %s to %s), %d signed checkpoints; signed by audit keys %s%n",
            r.events(), r.firstSeq(), r.lastSeq(), r.checkpoints(), r.keyIds());
        out.println("Compare the key ids with the gateway's published audit key fingerprints.");
        return 0;
      }
      out.printf("NOT VERIFIED: %s%s%n", r.reason(), r.firstBrokenSeq() == null ? "" : " (seq " + r.firstBrokenSeq() + ")");
      return 1;
    } catch (IOException | RuntimeException e) {
      out.println("NOT VERIFIED: the export cannot be read (" + e.getClass().getSimpleName() + ")");
      return 1;
    }
  }
}
