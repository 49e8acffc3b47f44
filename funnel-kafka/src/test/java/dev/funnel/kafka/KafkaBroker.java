package dev.funnel.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka broker for tests: Kafka 4 in KRaft mode (broker and controller in one process) from the Maven jars
 * on the test class path, its storage formatted and the broker started in a child JVM; stopped (or killed) on
 * request. No Docker, no download.
 */
final class KafkaBroker implements AutoCloseable {
  private final Path dir;
  private final int port;
  private final Path config;
  private Process process;

  private KafkaBroker(Path dir, int port, Path config) {
    this.dir = dir;
    this.port = port;
    this.config = config;
  }

  /**
   * For scripts ({@code bench/kafka-*.sh}): starts a broker whose storage is {@code args[0]} — formatted on a free
   * port the first time, restarted on its port after — prints {@code BOOTSTRAP PID} and exits, leaving it running.
   */
  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    Path config = dir.resolve("server.properties");
    KafkaBroker broker;
    if (Files.exists(config)) {
      String listeners = Files.readAllLines(config).stream().filter(l -> l.startsWith("advertised.listeners="))
          .findFirst().orElseThrow();
      broker = new KafkaBroker(dir, Integer.parseInt(listeners.substring(listeners.lastIndexOf(':') + 1)), config);
      broker.restart();
    } else {
      broker = start(dir);
    }
    System.out.println(broker.bootstrapServers() + " " + broker.process.pid());
  }

  /** Formats storage under {@code dir} and starts a broker on a free port; returns once it answers. */
  static KafkaBroker start(Path dir) throws Exception {
    int port = freePort();
    int controller = freePort();
    Path config = dir.resolve("server.properties");
    Files.createDirectories(dir);
    Files.writeString(config, String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controller,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controller,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "inter.broker.listener.name=PLAINTEXT",
        "log.dirs=" + dir.resolve("data"),
        "num.partitions=2",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=true") + "\n");
    run(dir.resolve("format.log"), "kafka.tools.StorageTool", "format", "-t", Uuid.randomUuid().toString(), "-c",
        config.toString()).waitFor(120, TimeUnit.SECONDS);
    KafkaBroker broker = new KafkaBroker(dir, port, config);
    broker.restart();
    return broker;
  }

  /** (Re)starts the broker process on its storage; returns once it answers. */
  void restart() throws Exception {
    process = run(dir.resolve("broker.log"), "kafka.Kafka", config.toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (true) {
      try (Admin admin = admin()) {
        admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
        return;
      } catch (Exception notYet) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new IllegalStateException("the Kafka broker did not start; see " + dir.resolve("broker.log"),
              notYet);
        }
        Thread.sleep(500);
      }
    }
  }

  String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }

  void createTopic(String name, int partitions) throws Exception {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }
  }

  /** Kills the broker process at once ({@code kill -9}). */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        kill();
      }
    }
  }

  private static Process run(Path output, String mainClass, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", brokerClassPath(), mainClass));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
  }

  /**
   * The test class path without Scala 2.12 (XGBoost's, which the server's ranking brings along): its collection
   * compatibility classes shadow Scala 2.13's, which the broker is built for.
   */
  private static String brokerClassPath() {
    return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
        .filter(entry -> !entry.contains("_2.12") && !entry.contains("scala-compiler"))
        .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
