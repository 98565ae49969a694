import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The training workload for the gateway's ahead-of-time cache (deploy/aot/train.sh): waits for
 * readiness, then sends the demo verification (JSON and SOAP) from a number of clients for a
 * while, so the cache records the classes and method profiles of the hot path. JDK only.
 *
 * <pre>java TrainingLoad.java http://127.0.0.1:8089 60 32</pre>
 */
public final class TrainingLoad {

  private static final String JSON = """
      {"personalId":"040090000123","fullName":"Nguyễn Văn An","dateOfBirth":"1990-05-17"}""";
  private static final String SOAP = """
      <soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" \
      xmlns:v="urn:ansinh:gateway:citizen:v1"><soap:Body><v:VerifyCitizenRequest>\
      <v:personalId>040090000123</v:personalId><v:fullName>Nguyễn Văn An</v:fullName>\
      <v:dateOfBirth>1990-05-17</v:dateOfBirth></v:VerifyCitizenRequest></soap:Body></soap:Envelope>""";

  public static void main(String[] args) throws Exception {
    URI base = URI.create(args.length > 0 ? args[0] : "http://127.0.0.1:8089");
    Duration length = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 60);
    int clients = args.length > 2 ? Integer.parseInt(args[2]) : 32;
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    awaitReadiness(http, base, Instant.now().plusSeconds(300));
    String token = token(http, base);
    Instant end = Instant.now().plus(length);
    AtomicLong ok = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int c = 0; c < clients; c++) {
        boolean soap = c % 4 == 3;
        pool.submit(() -> {
          HttpRequest request = soap ? post(base.resolve("/ws/citizen"), "text/xml; charset=UTF-8", SOAP, token)
              : post(base.resolve("/api/v1/citizens/verifications"), "application/json", JSON, token);
          while (Instant.now().isBefore(end)) {
            try {
              int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
              (status < 300 ? ok : failed).incrementAndGet();
            } catch (Exception e) {
              failed.incrementAndGet();
            }
          }
          return null;
        });
      }
    }
    System.out.printf("training load: %d answered, %d failed in %ds%n", ok.get(), failed.get(), length.toSeconds());
    if (ok.get() == 0) {
      System.exit(1);
    }
  }

  private static HttpRequest post(URI uri, String type, String body, String token) {
    return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", type)
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build();
  }

  private static void awaitReadiness(HttpClient http, URI base, Instant deadline) throws InterruptedException {
    HttpRequest probe = HttpRequest.newBuilder(base.resolve("/actuator/health/readiness"))
        .timeout(Duration.ofSeconds(2)).build();
    while (Instant.now().isBefore(deadline)) {
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (Exception notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the gateway did not become ready");
  }

  private static String token(HttpClient http, URI base) throws Exception {
    String basic = Base64.getEncoder().encodeToString("dolisa-demo:demo-secret".getBytes());
    HttpRequest request = HttpRequest.newBuilder(base.resolve("/oauth2/token"))
        .header("Authorization", "Basic " + basic)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
    String answer = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    Matcher token = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"").matcher(answer);
    if (!token.find()) {
      throw new IllegalStateException("no token: " + answer);
    }
    return token.group(1);
  }
}
