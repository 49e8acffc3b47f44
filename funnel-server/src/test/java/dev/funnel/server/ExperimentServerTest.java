package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.funnel.server.ServerTest.Reply;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Experiments through the HTTP API of a running server: arms served, impressions and clicks joined, refusals. */
class ExperimentServerTest {
  private static final String EXPERIMENT = """
      {"id": "pop-vs-merged", "status": "running",
       "arms": [{"name": "merged", "weight": 1, "spec": "merged"}, {"name": "popular", "weight": 1, "spec": "popular"}]}""";

  @TempDir Path dir;
  private FunnelServer server;

  private Reply call(String method, String path, String body, boolean key) throws Exception {
    return ServerTest.call(server, method, path, body, key);
  }

  private FunnelServer start() throws Exception {
    ServerTest.generate();
    return FunnelServer.start(ServerTest.config(dir, "port: 0"), dir, ServerTest.data,
        new PrintStream(PrintStream.nullOutputStream()));
  }

  private void awaitReady(String id) throws Exception {
    for (int i = 0; i < 600; i++) {
      if (call("GET", "/v1/experiments/" + id, null, true).body().get("ready").asBoolean()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("experiment " + id + " never became ready");
  }

  @Test
  void armsServeTheirPipelinesAndTheResultsCountWhatTheyShowedAndWhatWasClicked() throws Exception {
    server = start();
    try {
      Reply created = call("POST", "/v1/experiments", EXPERIMENT, true);
      assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
      assertThat(created.body().get("start").asLong()).isPositive();
      awaitReady("pop-vs-merged");
      Map<String, Integer> shownPerArm = new HashMap<>();
      Map<String, Integer> clicksPerArm = new HashMap<>();
      Map<String, String> popularLists = new HashMap<>();
      for (int u = 1; u <= 60; u++) {
        String user = "u" + u;
        Reply reply = call("GET", "/v1/users/" + user + "/recommendations?n=5", null, false);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode experiments = reply.body().get("experiments");
        assertThat(experiments).hasSize(1);
        assertThat(experiments.get(0).get("id").asText()).isEqualTo("pop-vs-merged");
        String arm = experiments.get(0).get("arm").asText();
        // the same user, the same arm, on every request
        assertThat(call("GET", "/v1/users/" + user + "/recommendations?n=5", null, false).body()
            .get("experiments").get(0).get("arm").asText()).isEqualTo(arm);
        JsonNode items = reply.body().get("items");
        shownPerArm.merge(arm, 2 * items.size(), Integer::sum);
        if (arm.equals("popular")) {
          popularLists.put(user, items.toString());
        }
        if (u % 3 == 0) { // every third user clicks its first item, answering the response
          String event = "{\"user\":\"" + user + "\",\"item\":\"" + items.get(0).get("item").asText()
              + "\",\"type\":\"click\",\"requestId\":\"" + reply.body().get("requestId").asText() + "\"}";
          assertThat(call("POST", "/v1/events", event, true).status()).isEqualTo(200);
          clicksPerArm.merge(arm, 1, Integer::sum);
        }
      }
      assertThat(shownPerArm).containsOnlyKeys("merged", "popular");
      Thread.sleep(300); // the impression writer stores off the request path
      JsonNode results = awaitResults(shownPerArm);
      for (JsonNode arm : results.get("arms")) {
        String name = arm.get("name").asText();
        assertThat(arm.get("impressions").asInt()).as(name).isEqualTo(shownPerArm.get(name));
        assertThat(arm.get("clicks").asInt()).as(name).isEqualTo(clicksPerArm.getOrDefault(name, 0));
        assertThat(arm.get("metrics").has("latencyP99")).isTrue();
      }
      assertThat(results.get("srm").get("mismatch").asBoolean()).isFalse();
    } finally {
      server.close();
    }
    // a restart keeps the experiment running
    server = start();
    try {
      JsonNode again = call("GET", "/v1/experiments/pop-vs-merged", null, true).body();
      assertThat(again.get("status").asText()).isEqualTo("running");
    } finally {
      server.close();
    }
  }

  /** An experiment of the configuration file runs from the start: its arms are built before the server answers. */
  @Test
  void aConfiguredExperimentServesFromTheFirstRequest() throws Exception {
    ServerTest.generate();
    server = FunnelServer.start(ServerTest.config(dir, """
        port: 0
        experiments:
          - id: configured
            status: running
            arms: [{name: a, weight: 1, spec: popular}, {name: b, weight: 1, spec: merged}]"""), dir, ServerTest.data,
        new PrintStream(PrintStream.nullOutputStream()));
    try {
      assertThat(call("GET", "/v1/experiments/configured", null, true).body().get("ready").asBoolean()).isTrue();
      JsonNode served = call("GET", "/v1/users/u7/recommendations", null, false).body().get("experiments");
      assertThat(served).hasSize(1);
      assertThat(served.get(0).get("id").asText()).isEqualTo("configured");
    } finally {
      server.close();
    }
  }

  private JsonNode awaitResults(Map<String, Integer> shownPerArm) throws Exception {
    int expected = shownPerArm.values().stream().mapToInt(Integer::intValue).sum();
    for (int i = 0; ; i++) {
      JsonNode results = call("GET", "/v1/experiments/pop-vs-merged/results", null, true).body();
      int seen = 0;
      for (JsonNode arm : results.get("arms")) {
        seen += arm.get("impressions").asInt();
      }
      if (seen == expected || i == 50) {
        return results;
      }
      Thread.sleep(100);
    }
  }

  @Test
  void badExperimentsAreRefusedNamingTheFieldAndChangeNothing() throws Exception {
    server = start();
    try {
      assertRefused("POST", "/v1/experiments", EXPERIMENT.replace("\"weight\": 1, \"spec\": \"popular\"",
          "\"weight\": 0, \"spec\": \"popular\""), 400, "arms[1].weight");
      assertRefused("POST", "/v1/experiments", EXPERIMENT.replace("\"spec\": \"popular\"",
          "\"spec\": \"no-such-preset\""), 400, "arms[1].spec");
      assertRefused("POST", "/v1/experiments", EXPERIMENT.replace("\"status\"", "\"colour\""), 400, "colour");
      assertRefused("POST", "/v1/experiments", EXPERIMENT.replace("\"merged\"}", "\"merged\"}, 5"), 400, null);
      assertThat(call("GET", "/v1/experiments", null, true).body().get("experiments")).isEmpty();
      assertThat(call("POST", "/v1/experiments", EXPERIMENT, false).status()).isEqualTo(401);
      assertThat(call("POST", "/v1/experiments", EXPERIMENT, true).status()).isEqualTo(201);
      assertRefused("POST", "/v1/experiments", EXPERIMENT, 400, "id");
      assertRefused("POST", "/v1/experiments", EXPERIMENT.replace("pop-vs-merged", "second"), 400, "buckets");
      assertRefused("PATCH", "/v1/experiments/pop-vs-merged",
          "{\"arms\": [{\"name\": \"merged\", \"weight\": 3, \"spec\": \"merged\"}, "
              + "{\"name\": \"popular\", \"weight\": 1, \"spec\": \"popular\"}]}", 400, "arms");
      assertRefused("PATCH", "/v1/experiments/pop-vs-merged", "{\"status\": \"draft\"}", 400, "status");
      assertRefused("PATCH", "/v1/experiments/nobody", "{\"coverage\": 1}", 404, "id");
      assertRefused("GET", "/v1/experiments/nobody/results", null, 404, "id");
      JsonNode kept = call("GET", "/v1/experiments/pop-vs-merged", null, true).body();
      assertThat(kept.get("arms").get(0).get("weight").asDouble()).isEqualTo(1.0);
      assertThat(kept.get("status").asText()).isEqualTo("running");
      Reply stopped = call("PATCH", "/v1/experiments/pop-vs-merged", "{\"status\": \"stopped\"}", true);
      assertThat(stopped.status()).isEqualTo(200);
      assertThat(stopped.body().get("end").asLong()).isPositive();
      assertThat(call("GET", "/v1/users/u1/recommendations", null, false).body().get("experiments")).isEmpty();
      assertThat(call("GET", "/v1/experiments/pop-vs-merged/results", null, true).status()).isEqualTo(200);
    } finally {
      server.close();
    }
  }

  private void assertRefused(String method, String path, String body, int status, String field) throws Exception {
    Reply reply = call(method, path, body, true);
    assertThat(reply.status()).as(String.valueOf(reply.body())).isEqualTo(status);
    if (field != null) {
      assertThat(reply.body().get("error").get("field").asText()).as(reply.body().toString()).isEqualTo(field);
    }
  }
}
