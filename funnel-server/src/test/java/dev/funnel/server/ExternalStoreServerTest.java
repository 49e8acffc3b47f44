package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.config.FunnelConfig;
import dev.funnel.server.store.ServiceAssumptions;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server on the external stores (PostgreSQL + Redis, as {@code .ci/services.sh} starts them). */
class ExternalStoreServerTest {
  @TempDir Path dir;

  @Test
  void twoInstancesShareEventsAndHistories() throws Exception {
    String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
    String section = "port: 0\nstore:\n  kind: external\n  prefix: " + prefix
        + "\n  postgresUrl: " + ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/funnel_test")
        + "\n  postgresUser: " + ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_USER", "funnel")
        + "\n  postgresPassword: " + ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_PASSWORD", "funnel")
        + "\n  redisUrl: " + ServiceAssumptions.env("FUNNEL_TEST_REDIS", "redis://127.0.0.1:6379");
    FunnelConfig config = ServerTest.config(dir, section);
    PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
    ServerTest.generate();
    FunnelServer first;
    try {
      first = FunnelServer.start(config, dir.resolve("a"), ServerTest.data, quiet);
    } catch (java.io.IOException e) {
      ServiceAssumptions.unavailable("PostgreSQL or Redis", e);
      return;
    }
    try (FunnelServer a = first;
        FunnelServer b = FunnelServer.start(config, dir.resolve("b"), ServerTest.data, quiet)) {
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

  private static URI url(FunnelServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static String firstItem(HttpClient http, FunnelServer server, String user) throws Exception {
    String body = http.send(HttpRequest.newBuilder(url(server, "/v1/users/" + user + "/recommendations?n=1")).build(),
        HttpResponse.BodyHandlers.ofString()).body();
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(body).get("items").get(0).get("item").asText();
  }
}
