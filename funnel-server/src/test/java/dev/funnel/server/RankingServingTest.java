package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.pipeline.RankingModel;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.UserHistory;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server.ranking: true}: the server's build trains the ranking stages into the snapshot, and requests are
 * answered in the order those stages give — the same order an independent reading of the snapshot computes —
 * including after a restart, which reads them back rather than training again.
 */
class RankingServingTest {
  /** Larger than {@link ServerTest}'s data, so that the ranker learns more than one tree. */
  private static Dataset data;

  @TempDir Path dir;

  @BeforeAll
  static void generate(@TempDir Path shared) throws Exception {
    new SyntheticGenerator(GeneratorConfig.of(400, 300, 20_000, 5)).write(shared, n -> {});
    data = DataFormat.GENERIC.reader().read(shared, FeedbackConfig.DEFAULT);
  }

  @Test
  void requestsAreRankedByTheSnapshotsRankingStages() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (FunnelServer server = start(new PrintStream(log, true, StandardCharsets.UTF_8))) {
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("ranker examples:", "feature importance");
      servesTheOfflineOrder(server);
    }
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (FunnelServer server = start(new PrintStream(again, true, StandardCharsets.UTF_8))) {
      assertThat(again.toString(StandardCharsets.UTF_8)).contains("serving model").doesNotContain("ranker examples:");
      assertThat(snapshots()).hasSize(1);
      servesTheOfflineOrder(server);
    }
  }

  @Test
  void rankingWithoutACfChannelIsRefusedAtStart() throws Exception {
    assertThatThrownBy(() -> FunnelServer.start(
            ServerTest.settings(dir, "port: 0\n  channels: [twotower]\n  ranking: true"), FeedbackConfig.DEFAULT, dir,
            data, new PrintStream(PrintStream.nullOutputStream())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("server.ranking")
        .hasMessageContaining("itemcf");
  }

  private FunnelServer start(PrintStream log) throws Exception {
    return FunnelServer.start(ServerTest.settings(dir, "port: 0\n  channels: [itemcf, swing, usercf]\n  ranking: true"),
        FeedbackConfig.DEFAULT, dir, data, log);
  }

  /**
   * Each user's response equals the ranking of the snapshot's stages read here on their own, at a moment just
   * before or just after the request (time-of-day and age features depend on the second the server saw).
   */
  private void servesTheOfflineOrder(FunnelServer server) throws Exception {
    List<Path> snapshots = snapshots();
    assertThat(snapshots).hasSize(1);
    CfModel model = CfModel.open(snapshots.get(0));
    assertThat(RankingModel.isIn(model.manifest())).isTrue();
    CfTables tables = model.tables();
    List<MultiChannelRetriever.Channel> channels = new ArrayList<>();
    for (Algorithm algorithm : List.of(Algorithm.ITEMCF, Algorithm.SWING, Algorithm.USERCF)) {
      channels.add(new MultiChannelRetriever.Channel(
          tables.channel(algorithm, model.lastN(), model.k(algorithm), CfTables.defaultLike(algorithm)), 100));
    }
    RankingPipeline pipeline = RankingModel.read(model.snapshot())
        .pipeline(new MultiChannelRetriever(channels, tables.popular()), tables.neighbors(Algorithm.ITEMCF),
            model.users().size());
    InteractionMatrix m = data.interactions();
    boolean reordered = false;
    for (int d = 0; d < data.users().size(); d += 5) {
      String user = data.users().externalId(d);
      long before = System.currentTimeMillis() / 1000;
      JsonNode items = recommend(server, user);
      long after = System.currentTimeMillis() / 1000;
      List<String> served = new ArrayList<>();
      for (JsonNode item : items) {
        served.add(item.get("item").asText());
        assertThat(item.get("sources").size()).as("provenance of %s", item).isPositive();
      }
      int u = model.users().denseId(user);
      long last = m.userTimes()[m.userOffsets()[data.users().denseId(user) + 1] - 1];
      UserHistory history = UserHistory.of(tables.history(), u);
      List<String> atBefore = offline(pipeline, model, history, last, before);
      List<String> atAfter = offline(pipeline, model, history, last, after);
      assertThat(served).hasSize(20).isIn(atBefore, atAfter);
      reordered |= !served.equals(mergeOrder(pipeline, model, history));
    }
    assertThat(reordered).as("the ranker changes the merge's order for some user").isTrue();
  }

  private static List<String> offline(RankingPipeline pipeline, CfModel model, UserHistory history, long last,
      long now) {
    RankedList ranked = pipeline.recommend(new RankingRequest(history, last, now), 20, RequestContext.of(now, 0, false));
    List<String> ids = new ArrayList<>();
    for (int item : ranked.items()) {
      ids.add(model.items().externalId(item));
    }
    return ids;
  }

  private static List<String> mergeOrder(RankingPipeline pipeline, CfModel model, UserHistory history) {
    int[] merged = pipeline.merge().retrieve(history, 20).items();
    List<String> ids = new ArrayList<>();
    for (int item : merged) {
      ids.add(model.items().externalId(item));
    }
    return ids;
  }

  private static JsonNode recommend(FunnelServer server, String user) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + server.port() + "/v1/users/" + user + "/recommendations?n=20&explain=true"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body()).get("items");
  }

  private List<Path> snapshots() throws Exception {
    try (Stream<Path> models = Files.list(dir.resolve("models"))) {
      return models.filter(Files::isDirectory).toList();
    }
  }
}
