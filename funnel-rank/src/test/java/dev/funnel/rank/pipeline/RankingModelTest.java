package dev.funnel.rank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.RankingViews;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.rank.component.CandidateStage;
import dev.funnel.rank.features.OnlineStoreFeatures;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.features.StoreFeatures;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.rank.train.RankingSettings;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.online.UserHistory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking stages a build writes into a snapshot rank, once read back, exactly as the trained ones: same items,
 * same scores, bit for bit, side features included.
 */
class RankingModelTest {
  private static final FeatureViews VIEWS = RankingViews.of(FeedbackConfig.DEFAULT);

  @Test
  void theStagesRankTheSameAfterASnapshotRoundTrip(@TempDir Path dir) throws Exception {
    new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(dir.resolve("data"), n -> {});
    Dataset data = DataFormat.GENERIC.reader().read(dir.resolve("data"), FeedbackConfig.DEFAULT, true);
    assertThat(data.itemFeatures().columns()).as("the generator's items have features").isNotEmpty();
    PipelineSpec spec = PipelineSpecs.parse("""
        channels: [itemcf, swing, usercf]
        retrieval: {quota: 50}
        merge: {candidates: 120}
        prerank: {keep: 40}
        rank: {}
        """, "test");
    RankingSettings settings = RankingSettings.of(spec, 200, VIEWS);

    RankingModel trained = RankingModel.train(data, spec, 200, VIEWS, since -> ShownItems.NONE, 7);
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("snapshot"));
    trained.write(writer);
    Snapshot snapshot = Snapshot.open(writer.commit());
    assertThat(RankingModel.isIn(snapshot.manifest())).isTrue();
    assertThat(((Number) snapshot.manifest().statistics().get("ranking").get("requests")).intValue())
        .isEqualTo(trained.examples().requests()).isPositive();
    RankingModel read = RankingModel.read(snapshot);
    assertThat(read.channels()).containsExactly("itemcf", "swing", "usercf");
    assertThat(read.views()).isEqualTo(VIEWS);

    CandidateStage stage = settings.candidateStage(data, Map.of());
    StoreFeatures store =
        new OnlineStoreFeatures(OnlineFeatureStore.replay(VIEWS, data), data.users(), data.items());
    RankingPipeline before = trained.pipeline(stage.merge(), stage.similarity(), 120, 40, List.of(), store);
    RankingPipeline after = read.pipeline(stage.merge(), stage.similarity(), 120, 40, List.of(), store);
    assertThat(after.candidates()).isEqualTo(120);
    assertThat(after.preRankKeep()).isEqualTo(40);
    List<String> sideFeatures = data.itemFeatures().columns().stream()
        .filter(c -> c instanceof FeatureColumn.Numeric || c instanceof FeatureColumn.Categorical)
        .map(c -> "item." + c.name()).toList();
    assertThat(sideFeatures).as("the generator's items have numeric or categorical features").isNotEmpty();
    assertThat(after.extractor().names()).contains("swing.rank", "sim.max", "item_stats.events", "request.hour")
        .contains(sideFeatures.toArray(String[]::new));
    long now = Arrays.stream(data.interactions().userTimes()).max().orElseThrow() + 3_600;
    int compared = 0;
    for (int user = 0; user < data.users().size(); user += 10) {
      RankingRequest request =
          new RankingRequest(UserHistory.of(stage.tables().history(), user), now);
      RankedList expected = before.recommend(request, 30, RequestContext.of(now, user, false));
      RankedList actual = after.recommend(request, 30, RequestContext.of(now, user, false));
      assertThat(actual.items()).containsExactly(expected.items());
      assertThat(actual.scores()).containsExactly(expected.scores());
      compared += actual.size();
    }
    assertThat(compared).isGreaterThan(100);
  }

  @Test
  void itemsShownAfterTheFirstCutAndNotActedOnJoinTheExamplesAsNegatives(@TempDir Path dir) throws Exception {
    new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(dir, n -> {});
    Dataset data = DataFormat.GENERIC.reader().read(dir, FeedbackConfig.DEFAULT, true);
    PipelineSpec spec = PipelineSpecs.parse("""
        channels: [itemcf]
        retrieval: {quota: 30}
        merge: {candidates: 30}
        prerank: {keep: 20}
        rank: {}
        """, "test");
    long last = Arrays.stream(data.interactions().userTimes()).max().orElseThrow();
    // Every user was shown every item, once, after the data's end: most are not among a user's 30 candidates.
    int users = data.users().size();
    int items = data.items().size();
    int[] shownUsers = new int[users * items];
    int[] shownItems = new int[users * items];
    long[] shownTimes = new long[users * items];
    for (int k = 0; k < shownUsers.length; k++) {
      shownUsers[k] = k / items;
      shownItems[k] = k % items;
      shownTimes[k] = last + 60;
    }
    long[] askedSince = {Long.MIN_VALUE};
    RankingModel.Examples plain = RankingModel.train(data, spec, 200, VIEWS, since -> ShownItems.NONE, 7).examples();
    RankingModel.Examples shown = RankingModel.train(data, spec, 200, VIEWS, since -> {
      askedSince[0] = since;
      return ShownItems.of(users, shownUsers, shownItems, shownTimes);
    }, 7).examples();

    long[] sorted = data.interactions().userTimes().clone();
    Arrays.sort(sorted);
    assertThat(askedSince[0]).as("the 60 % quantile of the times: the first cut")
        .isEqualTo(sorted[(int) (0.6 * sorted.length)]);
    assertThat(shown.requests()).as("requests").isEqualTo(plain.requests());
    assertThat(shown.rows()).as("rows").isGreaterThan(plain.rows() + plain.requests() * 10);
    assertThat(shown.positives()).as("positives").isEqualTo(plain.positives());
  }

  @Test
  void aSnapshotWithoutRankingStagesIsRefusedClearly(@TempDir Path dir) throws Exception {
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("empty"));
    writer.writeInts("something", new int[] {1});
    Snapshot snapshot = Snapshot.open(writer.commit());
    assertThat(RankingModel.isIn(snapshot.manifest())).isFalse();
    assertThatThrownBy(() -> RankingModel.read(snapshot))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no ranking stages");
  }

  @Test
  void stagesOfTheLayoutWithoutSideFeaturesAreNotServed(@TempDir Path dir) throws Exception {
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("older"));
    writer.parameters(RankingModel.COMPONENT, java.util.Map.of("channels", List.of("itemcf"), "quota", 100));
    writer.writeInts("ranking.categories.offsets", new int[] {0});
    assertThat(RankingModel.isIn(Snapshot.open(writer.commit()).manifest())).isFalse();
  }
}
