package dev.funnel.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.rank.component.Components;
import dev.funnel.rank.features.OnlineStoreFeatures;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.pipeline.RankingModel;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.pipeline.SnapshotAssembler;
import dev.funnel.rank.rerank.BusinessRules;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.MmrReRanker;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.rank.rerank.Similarity;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pipeline with ranking stages: the server's build trains them into the snapshot, and requests are answered in
 * the order those stages give — the same order the snapshot's stages, read back here on their own, compute —
 * including after a restart, which reads them back rather than training again; an MMR step diversifies it.
 */
class RankingServingTest {
  /** Larger than {@link ServerTest}'s data, so that the ranker learns more than one tree. */
  private static Dataset data;

  @TempDir Path dir;

  @BeforeAll
  static void generate(@TempDir Path shared) throws Exception {
    new SyntheticGenerator(GeneratorConfig.of(400, 300, 20_000, 5)).write(shared, n -> {});
    data = DataFormat.GENERIC.reader().read(shared, FeedbackConfig.DEFAULT, true);
  }

  /** The ranked pipeline of these tests, with {@code more} appended to its re-rank chain. */
  private static final String PIPELINE = "port: 0\npipeline:\n  channels: [itemcf, swing, usercf]\n  prerank: {}"
      + "\n  rank: {}\n  rerank:\n    - rules: {}";

  @Test
  void requestsAreRankedByTheSnapshotsRankingStages() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (FunnelServer server = start(new PrintStream(log, true, StandardCharsets.UTF_8))) {
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("built model");
      assertThat(snapshotStatus(server).get("ranking").asBoolean()).isTrue();
      assertThat(snapshotStatus(server).get("pipeline").get("channels")).hasSize(3);
      assertThat(snapshotStatus(server).has("nextBuildPipeline")).as("the configured pipeline is served").isFalse();
      servesTheOfflineOrder(server, null);
      CfModel model = CfModel.open(snapshots().get(0));
      RankingModel stages = RankingModel.read(model.snapshot());
      assertThat(stages.channels()).containsExactly("itemcf", "swing", "usercf");
      List<String> sideFeatures = data.itemFeatures().columns().stream()
          .filter(c -> c instanceof FeatureColumn.Numeric || c instanceof FeatureColumn.Categorical)
          .map(c -> "item." + c.name()).toList();
      assertThat(sideFeatures).as("the synthetic items have side features").isNotEmpty();
      assertThat(composed(model, null).extractor().names()).as("the base data's side features are served")
          .contains(sideFeatures.toArray(String[]::new));
    }
    ByteArrayOutputStream again = new ByteArrayOutputStream();
    try (FunnelServer server = start(new PrintStream(again, true, StandardCharsets.UTF_8))) {
      assertThat(again.toString(StandardCharsets.UTF_8)).contains("serving model").doesNotContain("built model");
      assertThat(snapshots()).hasSize(1);
      servesTheOfflineOrder(server, null);
    }
  }

  /** The two-tower or the autoencoder among the channels: trained by the build, merged, and the ranker's pair model. */
  @ParameterizedTest
  @ValueSource(strings = {"twotower", "dae"})
  void aLearnedModelIsAChannelAndAFeatureOfTheServedRanking(String channel) throws Exception {
    try (FunnelServer server = FunnelServer.start(ServerTest.config(dir, PIPELINE.replace("usercf]",
            "usercf, " + channel + "]")), dir, data, new PrintStream(PrintStream.nullOutputStream()))) {
      CfModel model = CfModel.open(snapshots().get(0));
      assertThat(RankingModel.read(model.snapshot()).channels()).containsExactly("itemcf", "swing", "usercf", channel);
      assertThat(composed(model, null).extractor().names()).contains(channel + ".rank", "pair.score");
      servesTheOfflineOrder(server, null);
    }
  }

  @Test
  void mmrMakesTheServedListsMoreDiverse() throws Exception {
    try (FunnelServer server = start(new PrintStream(PrintStream.nullOutputStream()), "\n    - mmr: {lambda: 0.3}")) {
      double[] categories = servesTheOfflineOrder(server, 0.3);
      assertThat(categories[0]).as("distinct categories per list with MMR, then without")
          .isGreaterThan(categories[1] + 1);
    }
  }

  /** {@code rank.members} sizes the served ranker's bag (five by default, as evaluated). */
  @Test
  void rankMembersSetsHowManyGbdtsTheServedRankerAverages() throws Exception {
    try (FunnelServer server = FunnelServer.start(ServerTest.config(dir, PIPELINE.replace("\n  rank: {}",
        "\n  rank: {members: 2}")), dir, data, new PrintStream(PrintStream.nullOutputStream()))) {
      Map<String, Object> ranker = CfModel.open(snapshots().get(0)).manifest().parameters().get("ranking.gbdt");
      assertThat(((Number) ranker.get("members")).intValue()).isEqualTo(2);
      assertThat(recommend(server, "u1")).isNotEmpty();
    }
  }

  @Test
  void aFreshServerWithoutDataServesTheMergeUntilARankerCanBeTrained() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    try (FunnelServer server = FunnelServer.start(ServerTest.config(dir, PIPELINE.replace("usercf]",
            "usercf, twotower]")), dir, null, new PrintStream(log, true, StandardCharsets.UTF_8))) {
      assertThat(log.toString(StandardCharsets.UTF_8)).contains("the served model has no ranking stages");
      CfModel model = CfModel.open(snapshots().get(0));
      assertThat(RankingModel.isIn(model.manifest())).isFalse();
      assertThat(model.manifest().parameters()).doesNotContainKey("twotower");
      assertThat(recommend(server, "anyone")).isEmpty();
      assertThat(snapshotStatus(server).get("ranking").asBoolean()).isFalse();
    }
  }

  @Test
  void aPipelineWithoutRulesOrWithAnUnknownKindIsRefusedAtStart() throws Exception {
    assertThatThrownBy(() -> FunnelServer.start(ServerTest.config(dir, "port: 0\npipeline:\n  channels: [itemcf]"),
            dir, data, new PrintStream(PrintStream.nullOutputStream())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs a rules step");
    assertThatThrownBy(() -> FunnelServer.start(ServerTest.config(dir, PIPELINE.replace("swing", "swung")), dir, data,
            new PrintStream(PrintStream.nullOutputStream())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown channel kind 'swung'");
  }

  private FunnelServer start(PrintStream log) throws Exception {
    return start(log, "");
  }

  private FunnelServer start(PrintStream log, String moreSteps) throws Exception {
    return FunnelServer.start(ServerTest.config(dir, PIPELINE + moreSteps), dir, data, log);
  }

  /** The snapshot's pipeline, read back here on its own, with an MMR step of {@code mmrLambda} unless null. */
  private static RankingPipeline composed(CfModel model, Double mmrLambda) throws Exception {
    List<ReRanker> chain = new ArrayList<>();
    chain.add(new BusinessRules(SnapshotAssembler.attributes(model), BusinessRules.Config.builder().build()));
    if (mmrLambda != null) {
      chain.add(new MmrReRanker(mmrLambda, Similarity.jaccard(SnapshotAssembler.attributes(model)), Integer.MAX_VALUE));
    }
    RankingModel stages = RankingModel.read(model.snapshot());
    List<MultiChannelRetriever.Channel> channels = new ArrayList<>();
    for (String channel : stages.channels()) {
      channels.add(new MultiChannelRetriever.Channel(Components.channel(channel).open(model,
          ChannelSpec.of(channel), model.lastN()), 100));
    }
    // the server's feature store holds the dataset's events (no event is posted here)
    OnlineFeatureStore store = OnlineFeatureStore.replay(stages.views(), data);
    return stages.pipeline(new MultiChannelRetriever(channels, model.tables().popular()),
        model.tables().neighbors(Algorithm.ITEMCF), 300, 100, chain,
        new OnlineStoreFeatures(store, model.users(), model.items()));
  }

  /**
   * Each user's response equals the ranking of the snapshot's stages read here on their own (then MMR with
   * {@code mmrLambda}, unless null), at a moment just before or just after the request (time-of-day and age
   * features depend on the second the server saw). Returns the mean number of distinct categories per served list
   * and per list of the same stages without MMR.
   */
  private double[] servesTheOfflineOrder(FunnelServer server, Double mmrLambda) throws Exception {
    List<Path> snapshots = snapshots();
    assertThat(snapshots).hasSize(1);
    CfModel model = CfModel.open(snapshots.get(0));
    assertThat(RankingModel.isIn(model.manifest())).isTrue();
    CfTables tables = model.tables();
    ItemAttributes attributes = SnapshotAssembler.attributes(model);
    RankingPipeline plain = composed(model, null);
    RankingPipeline pipeline = composed(model, mmrLambda);
    double[] categories = new double[2];
    int lists = 0;
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
      UserHistory history = UserHistory.of(tables.history(), u);
      List<String> atBefore = offline(pipeline, model, history, before);
      List<String> atAfter = offline(pipeline, model, history, after);
      assertThat(served).hasSize(20).isIn(atBefore, atAfter);
      reordered |= !served.equals(mergeOrder(pipeline, model, history));
      categories[0] += distinctCategories(served, model, attributes);
      categories[1] += distinctCategories(offline(plain, model, history, after), model, attributes);
      lists++;
    }
    assertThat(reordered).as("the ranker changes the merge's order for some user").isTrue();
    categories[0] /= lists;
    categories[1] /= lists;
    return categories;
  }

  private static int distinctCategories(List<String> items, CfModel model, ItemAttributes attributes) {
    Set<Integer> seen = new HashSet<>();
    for (String id : items) {
      int item = model.items().denseId(id);
      for (int k = 0; k < attributes.categoryCount(item); k++) {
        seen.add(attributes.category(item, k));
      }
    }
    return seen.size();
  }

  /** The best 20, the user's own items dropped as the server's rules drop them. */
  private static List<String> offline(RankingPipeline pipeline, CfModel model, UserHistory history, long now) {
    Set<Integer> seen = new HashSet<>();
    for (int k = 0; k < history.length(); k++) {
      seen.add(history.items()[k]);
    }
    RankedList ranked = pipeline.recommend(new RankingRequest(history, now), 20,
        new RequestContext(now, seen::contains, 0, false));
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

  private static JsonNode snapshotStatus(FunnelServer server) throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/v1/admin/snapshots"))
        .header("X-Api-Key", server.apiKey()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private List<Path> snapshots() throws Exception {
    try (Stream<Path> models = Files.list(dir.resolve("models"))) {
      return models.filter(Files::isDirectory).toList();
    }
  }
}
