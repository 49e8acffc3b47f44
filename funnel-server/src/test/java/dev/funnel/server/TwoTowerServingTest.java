package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server.channels} with {@code twotower}: the server's build trains it and the merge serves it. */
class TwoTowerServingTest {
  @TempDir Path dir;

  @Test
  void theTwoTowerChannelJoinsTheServedMerge() throws Exception {
    ServerTest.generate();
    try (FunnelServer server = FunnelServer.start(ServerTest.config(dir,
            "port: 0\npipeline:\n  channels: [itemcf, twotower]\n  rerank: [rules: {}]"), dir, ServerTest.data,
        new PrintStream(PrintStream.nullOutputStream()))) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + server.port() + "/v1/users/u1/recommendations?n=20&explain=true"))
          .build(), HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      JsonNode items = new ObjectMapper().readTree(response.body()).get("items");
      assertThat(items).hasSize(20);
      boolean fromTwoTower = false;
      for (JsonNode item : items) {
        fromTwoTower |= item.get("sources").has("twotower");
      }
      assertThat(fromTwoTower).as(response.body()).isTrue();
      try (Stream<Path> models = Files.list(dir.resolve("models"))) {
        assertThat(models.filter(m -> Files.isDirectory(m.resolve("ann"))).count()).isEqualTo(1);
      }
    }
  }
}
