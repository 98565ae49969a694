package vn.ansinh.gateway.audit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

/** What an inspector would find: the signed export taken now, checked by the offline verifier. */
final class OfflineCheck {

  private OfflineCheck() {}

  static AuditExportVerifier.Result of(HttpClient http, URI exportUrl, String token) throws Exception {
    Path file = Files.createTempFile("audit-export-", ".zip");
    try {
      HttpResponse<Path> response = http.send(HttpRequest.newBuilder(exportUrl)
          .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofFile(file));
      if (response.statusCode() != 200) {
        throw new IllegalStateException("export refused: " + response.statusCode());
      }
      return AuditExportVerifier.verify(file);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
