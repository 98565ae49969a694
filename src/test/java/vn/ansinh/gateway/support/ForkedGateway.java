package vn.ansinh.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import vn.ansinh.gateway.GatewayApplication;

/**
 * The gateway in a JVM of its own, in demo mode, so a test can kill it outright (SIGKILL) or run
 * several instances side by side. Agencies are whatever URLs the test passes.
 */
public final class ForkedGateway implements AutoCloseable {

  private final HttpClient http = HttpClient.newHttpClient();
  private final Path folder;
  private final int port;
  private final List<String> args;
  private Process process;

  public ForkedGateway(Path folder, String... args) throws IOException {
    this.folder = Files.createDirectories(folder).toAbsolutePath();
    try (ServerSocket s = new ServerSocket(0)) {
      this.port = s.getLocalPort();
    }
    this.args = List.of(args);
  }

  /** Starts (or restarts) the JVM with the given number of outbox workers and waits until it is ready. */
  public ForkedGateway start(int outboxWorkers) {
    launch(outboxWorkers);
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
      assertThat(process.isAlive()).as("the forked gateway died; see " + folder.resolve("console.log")).isTrue();
      return ready();
    });
    return this;
  }

  /** Starts the JVM and returns at once, so a test can watch it come up. */
  public ForkedGateway launch(int outboxWorkers) {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m", "-cp", classpath,
        GatewayApplication.class.getName(),
        "--server.port=" + port,
        "--gateway.data-dir=" + folder,
        "--gateway.simulators.enabled=false",
        "--gateway.outbox.workers=" + outboxWorkers,
        "--logging.file.name=" + folder.resolve("gateway.log")));
    command.addAll(args);
    try {
      // its own working folder: with exploded classes, Camel also finds routes/ under the working folder
      process = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(folder.resolve("console.log").toFile())).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot fork the gateway", e);
    }
    return this;
  }

  public boolean alive() {
    return process.isAlive();
  }

  public Path folder() {
    return folder;
  }

  public int port() {
    return port;
  }

  /** SIGTERM, as an orchestrator stops an instance: graceful shutdown; returns at once. */
  public void terminate() {
    process.destroy();
  }

  /** Waits for the JVM to exit; false when it is still running after {@code limit}. */
  public boolean exitsWithin(Duration limit) throws InterruptedException {
    return process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  public boolean ready() {
    try {
      return http.send(HttpRequest.newBuilder(url("/actuator/health/readiness")).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** SIGKILL: no shutdown hook, no graceful stop, nothing flushed. */
  public void killMinus9() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }

  public String token(String clientId) {
    return token(clientId, "demo-secret");
  }

  public String token(String clientId, String secret) {
    HttpResponse<String> r = send(HttpRequest.newBuilder(url("/oauth2/token"))
        .header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build());
    return Json.read(r.body()).get("access_token").asText();
  }

  public HttpResponse<String> postJson(String path, String token, String json) {
    return send(HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build());
  }

  /** A POST with any content type and extra headers (name, value, name, value …). */
  public HttpResponse<String> post(String path, String token, String contentType, String body, String... headers) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    if (headers.length > 0) {
      b.headers(headers);
    }
    return send(b.build());
  }

  /** Sends a request; empty when nothing answered (not listening yet, or refusing connections). */
  public java.util.Optional<HttpResponse<String>> tryRequest(HttpRequest.Builder request) {
    try {
      return java.util.Optional.of(http.send(request.timeout(Duration.ofSeconds(30)).build(),
          HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      return java.util.Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return java.util.Optional.empty();
    }
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(url(path));
  }

  public HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return send(b.build());
  }

  private URI url(String path) {
    return URI.create("http://localhost:" + port + path);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("the forked gateway did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
