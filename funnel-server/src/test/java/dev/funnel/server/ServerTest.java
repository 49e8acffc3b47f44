package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.server.config.FunnelConfig;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server end to end over real HTTP, on a small generated dataset. */
class ServerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());
  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  static Dataset data;

  @TempDir Path dir;
  FunnelServer server;
  HttpClient http = HttpClient.newHttpClient();

  record Reply(int status, JsonNode body) {}

  /** A small generated dataset, made once per JVM. */
  @BeforeAll
  static synchronized void generate() throws IOException {
    if (data == null) {
      Path shared = java.nio.file.Files.createTempDirectory("funnel-server-test");
      new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(shared, n -> {});
      data = DataFormat.GENERIC.reader().read(shared, FeedbackConfig.DEFAULT);
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = FunnelServer.start(config(), dir, data, QUIET);
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
  }

  FunnelConfig config() throws IOException {
    return config(dir, "port: 0\n  maxN: 50\n  maxBatch: 100\n  maxBodyBytes: 4096");
  }

  /**
   * A configuration as a user writes it: a YAML file whose {@code server:} section starts with
   * {@code serverSection} (which may go on with other sections, such as {@code pipeline:}).
   */
  static FunnelConfig config(Path dir, String serverSection) throws IOException {
    Path file = dir.resolve("funnel.yaml");
    java.nio.file.Files.writeString(file, "server:\n  " + serverSection + "\n");
    return FunnelConfig.load(file);
  }

  Reply call(String method, String path, String body, boolean withKey) throws Exception {
    return call(server, method, path, body, withKey);
  }

  /** A call to {@code server} over HTTP, with its API key or without; the body parsed unless empty or text. */
  static Reply call(FunnelServer server, String method, String path, String body, boolean withKey) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (withKey) {
      request.header("X-Api-Key", server.apiKey());
    }
    HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    String text = response.body();
    JsonNode json = text.isEmpty() || text.startsWith("#") ? null : JSON.readTree(text);
    return new Reply(response.statusCode(), json);
  }

  Reply get(String path) throws Exception {
    return call("GET", path, null, false);
  }

  Reply post(String path, String body) throws Exception {
    return call("POST", path, body, true);
  }

  static List<String> items(Reply reply) {
    List<String> out = new ArrayList<>();
    reply.body().get("items").forEach(i -> out.add(i.get("item").asText()));
    return out;
  }

  @Test
  void recommendsExplainsAndGivesEachResponseItsOwnRequestId() throws Exception {
    Reply first = get("/v1/users/u1/recommendations?n=5&explain=true");
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.body().get("known").asBoolean()).isTrue();
    assertThat(first.body().get("items")).hasSize(5);
    assertThat(first.body().get("items").get(0).get("sources").fieldNames()).toIterable().isNotEmpty();
    Reply second = get("/v1/users/u1/recommendations?n=5");
    assertThat(items(second)).isEqualTo(items(first));
    assertThat(second.body().get("requestId").asText()).isNotEqualTo(first.body().get("requestId").asText());
    assertThat(second.body().get("items").get(0).has("sources")).isFalse();
  }

  @Test
  void anAcceptedEventChangesTheNextRecommendationAtOnce() throws Exception {
    List<String> before = items(get("/v1/users/u2/recommendations?n=10"));
    String top = before.get(0);
    Reply accepted = post("/v1/events", "{\"user\":\"u2\",\"item\":\"" + top + "\",\"type\":\"purchase\"}");
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.body().get("accepted").asInt()).isEqualTo(1);
    List<String> after = items(get("/v1/users/u2/recommendations?n=10"));
    assertThat(after).doesNotContain(top); // now seen; the cache did not serve the old list
    assertThat(after).isNotEqualTo(before);
  }

  @Test
  void theHistoryIsNewestFirstAndAcceptedEventsJoinItAtOnce() throws Exception {
    JsonNode before = get("/v1/users/u4/history").body().get("history");
    assertThat(before.size()).isPositive();
    long[] times = new long[before.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = before.get(i).get("timestamp").asLong();
    }
    assertThat(times).isSortedAccordingTo(java.util.Comparator.reverseOrder());
    String top = items(get("/v1/users/u4/recommendations?n=1")).get(0);
    post("/v1/events", "{\"user\":\"u4\",\"item\":\"" + top + "\",\"type\":\"like\"}");
    JsonNode after = get("/v1/users/u4/history").body().get("history");
    assertThat(after).hasSize(before.size() + 1);
    assertThat(after.get(0).get("item").asText()).isEqualTo(top);
    assertThat(after.get(0).get("value").floatValue()).isEqualTo(3f); // a like weighs 3 by default
    assertThat(get("/v1/users/nobody/history").body().get("history")).isEmpty();
  }

  @Test
  void theDashboardAndItsChartLibraryAreServedAndItsStatsNeedTheKey() throws Exception {
    for (String path : List.of("/ui/", "/ui/app.js", "/webjars/uplot/1.6.30/dist/uPlot.esm.js")) {
      HttpResponse<String> file = http.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + server.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(file.statusCode()).as(path).isEqualTo(200);
    }
    assertThat(get("/v1/admin/stats").status()).isEqualTo(401);
    assertThat(get("/v1/health").status()).isEqualTo(200);
    long now = System.currentTimeMillis() / 1000;
    server.history().sample(now + 10); // two samples: at least one interval, whenever the start's sample ran
    server.history().sample(now + 20);
    JsonNode stats = call("GET", "/v1/admin/stats", null, true).body();
    assertThat(stats.get("intervalSeconds").asInt()).isEqualTo(10);
    assertThat(stats.get("times").size()).isPositive().isEqualTo(stats.get("requests").size());
    assertThat(stats.get("routes").get("/v1/health").get("p99Ms").get(0).floatValue()).isPositive();
  }

  @Test
  void clicksCarryingARequestIdAreJoinedToTheImpression() throws Exception {
    Reply shown = get("/v1/users/u5/recommendations?n=4");
    String requestId = shown.body().get("requestId").asText();
    List<String> items = items(shown);
    post("/v1/events", "{\"user\":\"u5\",\"item\":\"" + items.get(2) + "\",\"type\":\"click\",\"requestId\":\""
        + requestId + "\"}");
    JsonNode exposures = null;
    for (int attempt = 0; attempt < 100; attempt++) { // the impression writer works in the background
      exposures = call("GET", "/v1/admin/exposures?since=0", null, true).body().get("exposures");
      if (exposures.size() == 4 && exposures.findValues("acted").stream().anyMatch(JsonNode::asBoolean)) {
        break;
      }
      Thread.sleep(20);
    }
    List<String> acted = new ArrayList<>();
    List<String> notActed = new ArrayList<>();
    for (JsonNode e : exposures) {
      assertThat(e.get("requestId").asText()).isEqualTo(requestId);
      (e.get("acted").asBoolean() ? acted : notActed).add(e.get("item").asText());
    }
    assertThat(acted).containsExactly(items.get(2));
    assertThat(notActed).containsExactlyInAnyOrder(items.get(0), items.get(1), items.get(3));
  }

  @Test
  void coldUsersGetThePopularFallbackAndUnknownIdsNoError() throws Exception {
    Reply cold = get("/v1/users/someone-new/recommendations?n=4");
    assertThat(cold.status()).isEqualTo(200);
    assertThat(cold.body().get("known").asBoolean()).isFalse();
    assertThat(cold.body().get("items")).hasSize(4);
    Reply similar = get("/v1/items/no-such-item/similar?index=swing");
    assertThat(similar.status()).isEqualTo(200);
    assertThat(similar.body().get("known").asBoolean()).isFalse();
    assertThat(get("/v1/items/i1/similar?index=itemcf&n=3").body().get("similar").size()).isBetween(1, 3);
    assertThat(get("/v1/users/u1/similar?n=2").body().get("similar")).hasSize(2);
  }

  @Test
  void hiddenItemsAndCategoryFiltersApply() throws Exception {
    String top = items(get("/v1/users/u3/recommendations?n=5")).get(0);
    Reply put = call("PUT", "/v1/items/" + top, "{\"categories\":[\"shoes\"],\"hidden\":true}", true);
    assertThat(put.status()).isEqualTo(201);
    assertThat(items(get("/v1/users/u3/recommendations?n=5"))).doesNotContain(top);
    assertThat(get("/v1/items/" + top).body().get("hidden").asBoolean()).isTrue();
    call("PUT", "/v1/items/" + top, "{\"categories\":[\"shoes\"]}", true);
    assertThat(items(get("/v1/users/u3/recommendations?n=5&category=shoes"))).containsExactly(top);
    assertThat(call("DELETE", "/v1/items/" + top, null, true).status()).isEqualTo(204);
    assertThat(get("/v1/items/" + top).status()).isEqualTo(404);
  }

  @Test
  void anExplainedResponseGivesEachItemsTrailAndTheItemsTheRulesDropped() throws Exception {
    String top = items(get("/v1/users/u3/recommendations?n=5")).get(0);
    call("PUT", "/v1/items/" + top, "{\"hidden\":true}", true);
    Reply explained = get("/v1/users/u3/recommendations?n=5&explain=true");
    assertThat(items(explained)).hasSize(5).doesNotContain(top);
    JsonNode filtered = explained.body().get("filtered");
    assertThat(filtered.findValuesAsText("item")).contains(top);
    for (JsonNode dropped : filtered) {
      assertThat(dropped.get("reason").asText()).startsWith("rule: dropped (");
    }
    for (JsonNode item : explained.body().get("items")) {
      assertThat(item.get("trail").get(0).asText()).startsWith("merge: score ");
      assertThat(item.get("sources").size()).isPositive();
    }
    assertThat(get("/v1/users/u3/recommendations?n=5").body().has("filtered")).isFalse();
  }

  @Test
  void badInputGetsA4xxNamingTheFieldNeverA500() throws Exception {
    assertError(post("/v1/events", "{\"user\":"), 400, "body");
    assertError(post("/v1/events", "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"smile\"}"), 400, "type");
    assertError(post("/v1/events", "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"rating\"}"), 400, "value");
    assertError(post("/v1/events", "{\"user\":\"u1\",\"item\":7.5,\"type\":\"view\"}"), 400, "item");
    assertError(post("/v1/events", "[{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"colour\":1}]"), 400, "[0].colour");
    assertError(post("/v1/events", "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\",\"timestamp\":\"yesterday\"}"),
        400, "timestamp");
    assertError(get("/v1/users/u1/recommendations?n=100000"), 400, "n");
    assertError(get("/v1/users/u1/recommendations?n=ten"), 400, "n");
    assertError(get("/v1/items/i1/similar?index=usercf"), 400, "index");
    // Found by ApiFuzzTest: Javalin's validator had answered these with its own body, naming no field.
    assertError(call("GET", "/v1/admin/events?offset=-1", null, true), 400, "offset");
    assertError(call("GET", "/v1/admin/exposures?since=soon", null, true), 400, "since");
    assertError(get("/v1/users/%00/recommendations"), 400, "request"); // Jetty's refusal, in the API's body
    HttpResponse<String> hugeHeader = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/v1/health")).header("X-Api-Key", "x".repeat(20_000)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertError(new Reply(hugeHeader.statusCode(), JSON.readTree(hugeHeader.body())), 431, "request");
    assertError(call("POST", "/v1/events", "{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"}", false), 401,
        "X-Api-Key");
    StringBuilder many = new StringBuilder("[");
    for (int i = 0; i < 101; i++) {
      many.append(i == 0 ? "" : ",").append("{\"user\":\"u1\",\"item\":\"i1\",\"type\":\"view\"}");
    }
    assertThat(post("/v1/events", many + "]").status()).isEqualTo(413); // over maxBatch or maxBodyBytes
    assertError(post("/v1/events", "{\"user\":\"" + "x".repeat(5000) + "\"}"), 413, "body");
    assertError(get("/v1/nowhere"), 404, "path");
    assertError(get("/v1/users//recommendations"), 404, "path"); // an empty id: Javalin's own 404 (found by ApiFuzzTest)
    assertThat(get("/v1/health").body().get("events").asLong()).isZero(); // nothing refused was stored
  }

  private static void assertError(Reply reply, int status, String field) {
    assertThat(reply.status()).isEqualTo(status);
    JsonNode error = reply.body().get("error");
    assertThat(error.get("message").asText()).isNotBlank();
    assertThat(error.get("field").asText()).endsWith(field);
  }

  @Test
  void snapshotsSwapUnderLoadWithoutAFailedRequest() throws Exception {
    String firstModel = get("/v1/health").body().get("model").asText();
    AtomicBoolean running = new AtomicBoolean(true);
    java.util.Queue<String> failures = new java.util.concurrent.ConcurrentLinkedQueue<>(); // what failed, to read
    AtomicInteger served = new AtomicInteger();
    ExecutorService clients = Executors.newFixedThreadPool(4);
    List<Future<?>> load = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      int client = c;
      load.add(clients.submit(() -> {
        for (int i = 0; running.get(); i++) {
          String path = "/v1/users/u" + (1 + (client * 31 + i) % 150) + "/recommendations?n=10";
          try {
            Reply reply = get(path);
            if (reply.status() == 200) {
              served.incrementAndGet();
            } else {
              failures.add(path + ": " + reply.status() + " " + reply.body());
            }
          } catch (Exception e) {
            failures.add(path + ": " + e);
          }
        }
        return null;
      }));
    }
    try {
      String model = firstModel;
      for (int swap = 0; swap < 3; swap++) {
        Thread.sleep(5); // distinct snapshot versions
        assertThat(post("/v1/admin/snapshots", null).status()).isEqualTo(202);
        JsonNode status;
        do {
          Thread.sleep(20);
          status = call("GET", "/v1/admin/snapshots", null, true).body();
          JsonNode build = status.get("lastBuild");
          if (build.get("state").asText().equals("building")) {
            assertThat(build.get("progress").get("pipeline").asText()).as("a running build says where it is: %s",
                build).isIn("", "main");
            assertThat(build.get("progress").get("step").asText()).isNotEmpty();
          }
        } while (status.get("lastBuild").get("state").asText().equals("building"));
        assertThat(status.get("lastBuild").get("state").asText()).isEqualTo("done");
        assertThat(status.get("serving").asText()).isNotEqualTo(model);
        model = status.get("serving").asText();
      }
    } finally {
      // Also when an assertion fails: the clients would otherwise load the server for ever and keep the JVM alive.
      running.set(false);
      for (Future<?> f : load) {
        f.get();
      }
      clients.shutdown();
    }
    assertThat(failures).isEmpty();
    assertThat(served.get()).isPositive();
  }

  @Test
  void acceptedEventsAndHistoriesSurviveARestart() throws Exception {
    post("/v1/events", "[{\"user\":\"new-user\",\"item\":\"i5\",\"type\":\"like\"},"
        + "{\"user\":\"new-user\",\"item\":\"i6\",\"type\":\"rating\",\"value\":4}]");
    List<String> before = items(get("/v1/users/new-user/recommendations?n=5"));
    server.close();
    server = FunnelServer.start(config(), dir, data, QUIET);
    assertThat(get("/v1/health").body().get("events").asLong()).isEqualTo(2);
    assertThat(items(get("/v1/users/new-user/recommendations?n=5"))).isEqualTo(before).doesNotContain("i5", "i6");
  }

  @Test
  void metricsAndOpenApiAreServed() throws Exception {
    get("/v1/users/u1/recommendations");
    HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(metrics.body()).contains("funnel_request_seconds_bucket", "funnel_stage_seconds_count{stage=\"retrieve\"}");
    JsonNode openapi = get("/v1/openapi.json").body();
    assertThat(openapi.get("paths").has("/v1/users/{id}/recommendations")).isTrue();
  }
}
