package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.server.config.FunnelConfig;
import dev.funnel.server.store.ServiceAssumptions;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Redis killed under a running server on the external stores, and started again: events keep being accepted (they
 * are durable in PostgreSQL's log), recommendations degrade to the snapshot's history and say so, the history's own
 * route answers 503 with Retry-After, and when Redis is back the events it missed reach it — each once — with no
 * restart. The test's own Redis (Debian's redis-server, append-only with fsync on every write, as a deployment that
 * keeps what it acknowledged) runs on a free port; PostgreSQL is {@code .ci/services.sh}'s.
 */
class StoreOutageTest {
  private static final Path REDIS_SERVER = Path.of(ServiceAssumptions.env("FUNNEL_REDIS_SERVER", "/usr/bin/redis-server"));
  private static final String POSTGRES_URL =
      ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/funnel_test");

  @TempDir Path dir;
  private Process redis;
  private int port;

  @AfterEach
  void stopRedis() {
    if (redis != null) {
      redis.destroyForcibly();
    }
  }

  private void startRedis() throws Exception {
    Files.createDirectories(dir.resolve("redis"));
    redis = new ProcessBuilder(REDIS_SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
        "--dir", dir.resolve("redis").toString(), "--appendonly", "yes", "--appendfsync", "always", "--save", "")
        .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    for (int i = 0; i < 100; i++) {
      try (Socket probe = new Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException notYet) {
        Thread.sleep(50);
      }
    }
    throw new AssertionError("redis-server did not start: " + Files.readString(dir.resolve("redis.log")));
  }

  private FunnelServer startServer() throws Exception {
    String prefix = "o" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
    FunnelConfig config = ServerTest.config(dir, "port: 0\nstore:\n  kind: external\n  prefix: " + prefix
        + "\n  postgresUrl: " + POSTGRES_URL + "\n  postgresUser: funnel\n  postgresPassword: funnel\n  redisUrl: "
        + "redis://127.0.0.1:" + port);
    ServerTest.generate();
    try {
      return FunnelServer.start(config, dir.resolve("server"), ServerTest.data, ServerTest.QUIET);
    } catch (java.io.IOException e) {
      ServiceAssumptions.unavailable("PostgreSQL", e);
      throw e;
    }
  }

  @Test
  void eventsOutliveARedisOutageAndReachTheHistoryOnceItIsBack() throws Exception {
    if (!Files.isExecutable(REDIS_SERVER)) {
      ServiceAssumptions.unavailable("redis-server", new java.io.FileNotFoundException(REDIS_SERVER.toString()));
    }
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    startRedis();
    try (FunnelServer server = startServer()) {
      post(server, "{\"user\": \"newcomer\", \"item\": \"i3\", \"type\": \"view\"}");
      assertThat(history(server)).containsExactly("i3 1.0");

      redis.destroyForcibly().waitFor(); // kill -9
      ServerTest.Reply served = ServerTest.call(server, "GET", "/v1/users/newcomer/recommendations?n=5", null, false);
      assertThat(served.status()).isEqualTo(200);
      assertThat(served.body().get("degraded").asText()).isEqualTo("history");
      assertThat(served.body().get("items")).hasSize(5);
      post(server, "{\"user\": \"newcomer\", \"item\": \"i4\", \"type\": \"view\"}"); // durable in the log: accepted
      ServerTest.Reply refused = ServerTest.call(server, "GET", "/v1/users/newcomer/history", null, false);
      assertThat(refused.status()).isEqualTo(503);
      assertThat(refused.body().at("/error/message").asText()).contains("a store is unavailable");

      startRedis(); // its append-only file has what it acknowledged: i3 once
      long deadline = System.nanoTime() + 30_000_000_000L; // the catch-up runs every 5 s
      List<String> history = List.of();
      while (System.nanoTime() < deadline && history.size() < 2) {
        Thread.sleep(250);
        ServerTest.Reply reply = ServerTest.call(server, "GET", "/v1/users/newcomer/history", null, false);
        history = reply.status() == 200 ? history(reply.body()) : List.of();
      }
      assertThat(history).as("the missed event arrived, and the first counts once").containsExactly("i4 1.0", "i3 1.0");
      ServerTest.Reply back = ServerTest.call(server, "GET", "/v1/users/newcomer/recommendations?n=5", null, false);
      assertThat(back.body().has("degraded")).isFalse();
    }
  }

  private static void post(FunnelServer server, String event) throws Exception {
    assertThat(ServerTest.call(server, "POST", "/v1/events", event, true).status()).isEqualTo(200);
  }

  private static List<String> history(FunnelServer server) throws Exception {
    return history(ServerTest.call(server, "GET", "/v1/users/newcomer/history", null, false).body());
  }

  /** "item value" per entry, newest first. */
  private static List<String> history(JsonNode body) {
    List<String> entries = new java.util.ArrayList<>();
    body.get("history").forEach(e -> entries.add(e.get("item").asText() + " " + e.get("value").asDouble()));
    return entries;
  }
}
