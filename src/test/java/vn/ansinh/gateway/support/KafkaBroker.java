package vn.ansinh.gateway.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one node), from
 * Maven Central's {@code org.apache.kafka:kafka_2.13}, in the test JVM: formatted once, then
 * started, stopped and started again on the same ports and log folder, as an operator restarts one.
 */
public final class KafkaBroker {

  private final Path logDir;
  private final int port;
  private final int controllerPort = freePort();
  private KafkaRaftServer server;

  public KafkaBroker(Path logDir) {
    this(logDir, freePort());
  }

  /**
   * The benchmark's broker (bench/events.sh), in a JVM of its own until it is stopped:
   * {@code java -cp <test classpath> vn.ansinh.gateway.support.KafkaBroker <log folder> <port>}.
   */
  public static void main(String[] args) throws InterruptedException {
    KafkaBroker broker = new KafkaBroker(Path.of(args[0]), Integer.parseInt(args[1])).start();
    Runtime.getRuntime().addShutdownHook(new Thread(broker::stop));
    System.out.println("KAFKA READY " + broker.bootstrapServers());
    Thread.currentThread().join();
  }

  public KafkaBroker(Path logDir, int port) {
    this.port = port;
    quiet("kafka", "org.apache.kafka", "state.change.logger");   // before Spring configures logging
    try {
      this.logDir = Files.createDirectories(logDir).toAbsolutePath();
      new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream())).setNodeId(1)
          .setClusterId(Uuid.randomUuid().toString()).setDirectories(List.of(this.logDir.toString()))
          .setMetadataLogDirectory(this.logDir.toString()).setControllerListenerName("CONTROLLER")
          .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION).run();
    } catch (Exception e) {
      throw new IllegalStateException("cannot format the Kafka log folder " + logDir, e);
    }
  }

  public String bootstrapServers() {
    return "localhost:" + port;
  }

  public synchronized KafkaBroker start() {
    if (server == null) {
      server = new KafkaRaftServer(new KafkaConfig(config()), Time.SYSTEM);
      server.startup();
    }
    return this;
  }

  public synchronized void stop() {
    if (server != null) {
      server.shutdown();
      server.awaitShutdown();
      server = null;
    }
  }

  private Map<String, Object> config() {
    Map<String, Object> c = new HashMap<>();
    c.put("process.roles", "broker,controller");
    c.put("node.id", "1");
    c.put("controller.quorum.voters", "1@localhost:" + controllerPort);
    c.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    c.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
    c.put("controller.listener.names", "CONTROLLER");
    c.put("inter.broker.listener.name", "PLAINTEXT");
    c.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
    c.put("log.dirs", logDir.toString());
    c.put("num.partitions", "3");
    c.put("offsets.topic.replication.factor", "1");
    c.put("offsets.topic.num.partitions", "1");
    c.put("transaction.state.log.replication.factor", "1");
    c.put("transaction.state.log.min.isr", "1");
    c.put("share.coordinator.state.topic.replication.factor", "1");
    c.put("share.coordinator.state.topic.min.isr", "1");
    c.put("group.initial.rebalance.delay.ms", "0");
    c.put("message.max.bytes", "4194304");   // the gateway's grouped payment events stay well below
    return c;
  }

  private static void quiet(String... loggers) {
    for (String name : loggers) {
      if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
        logger.setLevel(ch.qos.logback.classic.Level.WARN);
      }
    }
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
