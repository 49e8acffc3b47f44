package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.funnel.server.config.FunnelConfig;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.HistoryStore;
import dev.funnel.server.store.ServiceAssumptions;
import dev.funnel.server.store.postgres.PostgresEventLog;
import dev.funnel.server.store.redis.RedisHistoryStore;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on the external stores (PostgreSQL + Redis, as {@code .ci/services.sh} starts them). */
class ExternalStoreServerTest {
  private static final String POSTGRES_URL =
      ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/funnel_test");
  private static final String POSTGRES_USER = ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_USER", "funnel");
  private static final String POSTGRES_PASSWORD = ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_PASSWORD", "funnel");
  private static final String REDIS = ServiceAssumptions.env("FUNNEL_TEST_REDIS", "redis://127.0.0.1:6379");
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  @TempDir Path dir;
  /** The tables' and keys' prefix of this test's deployment, apart from every other test's. */
  private final String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";

  /** A server on the external stores under this test's prefix, or the test skipped when they are not running. */
  private FunnelServer start(String name) throws Exception {
    String section = "port: 0\nstore:\n  kind: external\n  prefix: " + prefix + "\n  postgresUrl: " + POSTGRES_URL
        + "\n  postgresUser: " + POSTGRES_USER + "\n  postgresPassword: " + POSTGRES_PASSWORD + "\n  redisUrl: " + REDIS;
    FunnelConfig config = ServerTest.config(dir, section);
    ServerTest.generate();
    try {
      return FunnelServer.start(config, dir.resolve(name), ServerTest.data, QUIET);
    } catch (java.io.IOException e) {
      ServiceAssumptions.unavailable("PostgreSQL or Redis", e);
      throw e;
    }
  }

  @Test
  void twoInstancesShareEventsAndHistories() throws Exception {
    try (FunnelServer a = start("a");
        FunnelServer b = start("b")) {
      HttpClient http = HttpClient.newHttpClient();
      String top = firstItem(http, b, "u4");
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(url(a, "/v1/events"))
          .header("X-Api-Key", a.apiKey())
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"u4\",\"item\":\"" + top + "\",\"type\":\"purchase\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(200);
      // Instance b sees the event a accepted: the history lives in Redis, not in a's memory.
      assertThat(firstItem(http, b, "u4")).isNotEqualTo(top);
      assertThat(http.send(HttpRequest.newBuilder(url(b, "/v1/health")).build(), HttpResponse.BodyHandlers.ofString())
          .body()).contains("\"events\":1");
    }
  }

  /**
   * What a crash between the log's append and the Redis update leaves — an event logged but not in the history —
   * is repaired at the next start, and no event, repaired or not, counts twice however often the server restarts.
   */
  @Test
  void anEventLoggedButNotAppliedBeforeACrashReachesTheHistoryOnceAtTheNextStart() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    try (FunnelServer a = start("a")) {
      HttpResponse<String> posted = http.send(HttpRequest.newBuilder(url(a, "/v1/events"))
          .header("X-Api-Key", a.apiKey())
          .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"crashed\",\"item\":\"i1\",\"type\":\"view\"}"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(posted.statusCode()).isEqualTo(200);
    }
    try (PostgresEventLog log = new PostgresEventLog(POSTGRES_URL, POSTGRES_USER, POSTGRES_PASSWORD, prefix);
        RedisHistoryStore histories = new RedisHistoryStore(URI.create(REDIS), prefix, 200, Duration.ZERO)) {
      log.append(List.of(new Event("crashed", "i2", "view", Float.NaN, 1_700_000_000L, null))); // never applied
      List<HistoryStore.Entry> applied = histories.recent("crashed");
      assertThat(applied).extracting(HistoryStore.Entry::item).containsExactly("i1");
      float view = applied.get(0).value();
      for (int restart = 0; restart < 2; restart++) {
        start("b").close();
        assertThat(histories.recent("crashed")).as("after restart %d", restart + 1)
            .extracting(HistoryStore.Entry::item, HistoryStore.Entry::value)
            .containsExactly(tuple("i1", view), tuple("i2", view));
      }
    }
  }

  private static URI url(FunnelServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static String firstItem(HttpClient http, FunnelServer server, String user) throws Exception {
    String body = http.send(HttpRequest.newBuilder(url(server, "/v1/users/" + user + "/recommendations?n=1")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("items").get(0).get("item").asText();
  }
}
