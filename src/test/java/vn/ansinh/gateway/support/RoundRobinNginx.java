package vn.ansinh.gateway.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's nginx in front of gateway instances, round-robin, no affinity of any kind: every new
 * request may land on another instance. Its access log names the instance that answered each
 * request. Outside CI a machine without nginx skips the test; under CI=true a missing nginx fails
 * it (.ci/run installs nginx-light).
 */
public final class RoundRobinNginx implements AutoCloseable {

  private static final Path NGINX = Path.of("/usr/sbin/nginx");
  private final Path folder;
  private final int port;
  private final Process process;

  private RoundRobinNginx(Path folder, int port, Process process) {
    this.folder = folder;
    this.port = port;
    this.process = process;
  }

  /** A free port to give {@link #start}, so the instances behind can be told their public address first. */
  public static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  public static RoundRobinNginx start(Path folder, int port, int... upstreamPorts) throws IOException {
    boolean installed = Files.isExecutable(NGINX);
    if (System.getenv("CI") != null) {
      assertThat(installed).as(".ci/run installs Debian's nginx-light").isTrue();
    }
    Assumptions.assumeTrue(installed, "no nginx on this machine");
    Path dir = Files.createDirectories(folder).toAbsolutePath();
    String servers = Arrays.stream(upstreamPorts).mapToObj(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=60s;")
        .collect(Collectors.joining("\n"));
    Files.writeString(dir.resolve("nginx.conf"), """
        worker_processes 1;
        pid %1$s/nginx.pid;
        error_log %1$s/error.log warn;
        events { worker_connections 256; }
        http {
          log_format upstream '$upstream_addr $request_method $uri $status';
          access_log %1$s/access.log upstream;
          client_body_temp_path %1$s/body; proxy_temp_path %1$s/proxy; fastcgi_temp_path %1$s/fastcgi;
          uwsgi_temp_path %1$s/uwsgi; scgi_temp_path %1$s/scgi;
          client_max_body_size 64m;
          upstream gateways {
        %2$s
          }
          server {
            listen 127.0.0.1:%3$d;
            location / {
              proxy_pass http://gateways;
              proxy_set_header Host $http_host;
              proxy_read_timeout 60s;
            }
          }
        }
        """.formatted(dir, servers, port));
    Process process = new ProcessBuilder(NGINX.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
        "-g", "daemon off;").redirectErrorStream(true).redirectOutput(dir.resolve("console.log").toFile()).start();
    RoundRobinNginx nginx = new RoundRobinNginx(dir, port, process);
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      assertThat(process.isAlive()).as("nginx exited; see " + dir.resolve("console.log")).isTrue();
      try (Socket ignored = new Socket("127.0.0.1", port)) {
        return true;
      } catch (IOException notYet) {
        return false;
      }
    });
    return nginx;
  }

  public int port() {
    return port;
  }

  public String origin() {
    return "http://127.0.0.1:" + port;
  }

  /** The instance ("127.0.0.1:port") that answered each request so far, in order. */
  public List<String> answeredBy() throws IOException {
    Path log = folder.resolve("access.log");
    return Files.exists(log) ? Files.readAllLines(log).stream().map(line -> line.split(" ")[0]).toList() : List.of();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor();
  }
}
