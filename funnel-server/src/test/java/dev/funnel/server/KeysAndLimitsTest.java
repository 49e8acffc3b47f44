package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.server.config.FunnelConfig;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys with roles and rate limits, and the CORS policy, over real HTTP: each role may do what it should and no
 * more, a refusal names the key's holder but never a key, a limited key gets 429 with Retry-After past its rate,
 * and a configured origin (only it) may call from a browser.
 */
class KeysAndLimitsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final String READER = "reader-key-0123456789";
  private static final String WRITER = "writer-key-0123456789";
  private static final String LIMITED = "limited-key-0123456789";
  private static final String ORIGIN = "https://admin.example.com";

  @TempDir Path dir;
  FunnelServer server;

  @BeforeEach
  void start() throws Exception {
    ServerTest.generate();
    Path file = dir.resolve("funnel.yaml");
    Files.writeString(file, """
        server:
          port: 0
          keyedReads: true
          corsOrigins: [%s]
          idleTimeoutSeconds: 1
          keys:
            - {name: shop, key: %s}
            - {name: ingest, key: %s, role: write}
            - {name: batch-job, key: %s, role: read, ratePerSecond: 3}
        """.formatted(ORIGIN, READER, WRITER, LIMITED));
    server = FunnelServer.start(FunnelConfig.load(file), dir, ServerTest.data,
        new PrintStream(PrintStream.nullOutputStream()));
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  record Reply(int status, JsonNode body, HttpResponse<String> response) {}

  Reply call(String method, String path, String key, String body, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (key != null) {
      request.header("X-Api-Key", key);
    }
    for (int h = 0; h < headers.length; h += 2) {
      request.header(headers[h], headers[h + 1]);
    }
    HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    return new Reply(response.statusCode(), text.startsWith("{") ? JSON.readTree(text) : null, response);
  }

  private static final String EVENT = "{\"user\": \"u1\", \"item\": \"i2\", \"type\": \"view\"}";

  @Test
  void eachRoleMayDoWhatItShouldAndNoMore() throws Exception {
    String recommend = "/v1/users/u1/recommendations?n=3";
    assertThat(call("GET", recommend, null, null).status()).as("reads are keyed").isEqualTo(401);
    assertThat(call("GET", recommend, READER, null).status()).isEqualTo(200);

    Reply refused = call("POST", "/v1/events", READER, EVENT);
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.body().at("/error/field").asText()).isEqualTo("X-Api-Key");
    assertThat(refused.body().at("/error/message").asText()).contains("'shop'", "role read", "needs write")
        .doesNotContain(READER);

    assertThat(call("POST", "/v1/events", WRITER, EVENT).status()).isEqualTo(200);
    assertThat(call("GET", recommend, WRITER, null).status()).as("write includes read").isEqualTo(200);
    assertThat(call("POST", "/v1/admin/snapshots", WRITER, null).status()).isEqualTo(403);
    assertThat(call("GET", "/v1/experiments", WRITER, null).status()).isEqualTo(403);

    assertThat(call("GET", "/v1/experiments", server.apiKey(), null).status()).as("apiKey is admin").isEqualTo(200);
    assertThat(call("POST", "/v1/events", server.apiKey(), EVENT).status()).isEqualTo(200);
    assertThat(call("GET", "/v1/health", null, null).status()).as("health stays open").isEqualTo(200);
    assertThat(call("GET", recommend, "not-a-key-at-all-xxxxx", null).status()).isEqualTo(401);
  }

  @Test
  void aLimitedKeyGets429WithRetryAfterPastItsRate() throws Exception {
    List<Integer> statuses = new ArrayList<>();
    Reply limited = null;
    for (int k = 0; k < 10 && limited == null; k++) {
      Reply reply = call("GET", "/v1/users/u1/recommendations?n=3", LIMITED, null);
      statuses.add(reply.status());
      if (reply.status() == 429) {
        limited = reply;
      }
    }
    // 3 per second: within one second at most 3 pass; the refresh period may start between two calls, so 3 to 6
    assertThat(statuses.subList(0, 3)).containsOnly(200);
    assertThat(limited).as("statuses %s", statuses).isNotNull();
    assertThat(statuses.size()).isBetween(4, 7);
    assertThat(Long.parseLong(limited.response().headers().firstValue("Retry-After").orElseThrow())).isEqualTo(1L);
    assertThat(limited.body().at("/error/message").asText()).contains("'batch-job'", "3.0 requests per second");
    assertThat(call("GET", "/v1/users/u1/recommendations?n=3", READER, null).status())
        .as("another key's allowance is its own").isEqualTo(200);
    Thread.sleep(1100);
    assertThat(call("GET", "/v1/users/u1/recommendations?n=3", LIMITED, null).status()).isEqualTo(200);
    assertThat(call("GET", "/metrics", null, null).response().body())
        .contains("funnel_rate_limited_total{key=\"batch-job\"}");
  }

  @Test
  void onlyTheConfiguredOriginMayCallFromABrowser() throws Exception {
    Reply preflight = call("OPTIONS", "/v1/events", null, null, "Origin", ORIGIN,
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "X-Api-Key,Content-Type");
    assertThat(preflight.status()).isEqualTo(200);
    assertThat(preflight.response().headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);
    assertThat(preflight.response().headers().firstValue("Access-Control-Allow-Headers").orElse("").toLowerCase())
        .contains("x-api-key");
    Reply read = call("GET", "/v1/users/u1/recommendations?n=3", READER, null, "Origin", ORIGIN);
    assertThat(read.response().headers().firstValue("Access-Control-Allow-Origin")).contains(ORIGIN);

    Reply other = call("GET", "/v1/users/u1/recommendations?n=3", READER, null, "Origin", "https://evil.example");
    assertThat(other.response().headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
  }

  /** A body that stops arriving holds its connection for the idle timeout, then is refused, never accepted. */
  @Test
  void aStalledBodyIsGivenUpAfterTheIdleTimeout() throws Exception {
    long events = ServerTest.call(server, "GET", "/v1/health", null, false).body().get("events").asLong();
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(("POST /v1/events HTTP/1.1\r\nHost: x\r\nX-Api-Key: " + WRITER
          + "\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{\"user\": \"u1\"")
          .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      long start = System.nanoTime();
      String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(seconds).as("given up after about the idle timeout").isBetween(0.9, 5.0);
      assertThat(answer).as(answer).startsWith("HTTP/1.1 408").contains("server.idleTimeoutSeconds");
    }
    assertThat(ServerTest.call(server, "GET", "/v1/health", null, false).body().get("events").asLong())
        .isEqualTo(events);
  }

  @Test
  void keysAreCheckedAtLoadAndNeverShown() throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "server:\n  keys:\n    - {name: a, key: short}\n");
    assertThatThrownBy(() -> FunnelConfig.load(file)).hasMessageContaining("key 'a' must be at least 16");
    Files.writeString(file, "server:\n  keys:\n    - {name: a, key: " + READER + ", role: owner}\n");
    assertThatThrownBy(() -> FunnelConfig.load(file)).hasMessageContaining("role must be read, write or admin");
    Files.writeString(file, "server:\n  keys:\n    - {name: a, key: " + READER + "}\n    - {name: b, key: " + READER
        + "}\n");
    assertThatThrownBy(() -> FunnelConfig.load(file)).hasMessageContaining("key 'b' is the same as another");
    Files.writeString(file, "server:\n  corsOrigins: ['https://x.example/path']\n");
    assertThatThrownBy(() -> FunnelConfig.load(file)).hasMessageContaining("is not an origin");
    Files.writeString(file, "server:\n  apiKey: admin-key-0123456789\n  keys:\n    - {name: a, key: " + READER
        + ", ratePerSecond: 0}\n");
    assertThatThrownBy(() -> FunnelConfig.load(file)).hasMessageContaining("ratePerSecond must be in");

    Files.writeString(file, "server:\n  apiKey: admin-key-0123456789\n  keys:\n    - {name: a, key: " + READER + "}\n");
    assertThat(FunnelConfig.load(file).toString()).doesNotContain("admin-key-0123456789", READER).contains("name=a");
  }
}
