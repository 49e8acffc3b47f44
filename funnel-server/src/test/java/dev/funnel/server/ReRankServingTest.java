package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served re-rank chain reads the live catalogue: a catalogue write changes the next list. */
class ReRankServingTest {
  @TempDir Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  /** Published just now, an item's score is multiplied by 1 + 100: the last of ten comes first, and says why. */
  @Test
  void freshnessReadsThePublishTimeOfTheLiveCatalogue() throws Exception {
    ServerTest.generate();
    try (FunnelServer server = FunnelServer.start(ServerTest.config(dir, "port: 0\npipeline:\n"
            + "  channels: [itemcf, swing, usercf]\n  rerank:\n    - rules: {}\n"
            + "    - freshness: {halfLifeDays: 1, weight: 100}"), dir, ServerTest.data,
        new PrintStream(PrintStream.nullOutputStream()))) {
      List<String> before = items(get(server, "/v1/users/u3/recommendations?n=10"));
      assertThat(before).hasSize(10);
      String last = before.get(9);
      long now = System.currentTimeMillis() / 1000;
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(url(server, "/v1/items/" + last))
          .header("X-Api-Key", server.apiKey()).PUT(HttpRequest.BodyPublishers.ofString(
              "{\"publishTime\":" + now + "}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
      JsonNode after = get(server, "/v1/users/u3/recommendations?n=10&explain=true");
      assertThat(items(after).get(0)).isEqualTo(last);
      assertThat(after.get("items").get(0).get("trail").toString()).contains("freshness: ×101");
    }
  }

  private JsonNode get(FunnelServer server, String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(server, path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static URI url(FunnelServer server, String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  private static List<String> items(JsonNode body) {
    List<String> ids = new ArrayList<>();
    body.get("items").forEach(item -> ids.add(item.get("item").asText()));
    return ids;
  }
}
