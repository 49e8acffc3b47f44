package dev.funnel.rank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.rank.train.PairTraining;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.online.Candidates;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.dae.DaeConfig;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeTrainer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking stages a build writes into a snapshot rank, once read back, exactly as the trained ones: same items,
 * same scores, bit for bit, side features included.
 */
class RankingModelTest {
  private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

  @Test
  void theStagesRankTheSameAfterASnapshotRoundTrip(@TempDir Path dir) throws Exception {
    new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(dir.resolve("data"), n -> {});
    Dataset data = DataFormat.GENERIC.reader().read(dir.resolve("data"), FeedbackConfig.DEFAULT);
    assertThat(data.itemFeatures().columns()).as("the generator's items have features").isNotEmpty();
    RankingSettings settings = new RankingSettings(List.of(Algorithm.ITEMCF, Algorithm.SWING, Algorithm.USERCF),
        SimilarityConfig.defaults(), 200, 50, 120, 40, 50, 30);

    RankingModel trained = RankingModel.train(data, settings, since -> ShownItems.NONE, null, null, 7, QUIET);
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("snapshot"));
    trained.write(writer);
    Snapshot snapshot = Snapshot.open(writer.commit());
    assertThat(RankingModel.isIn(snapshot.manifest())).isTrue();
    RankingModel read = RankingModel.read(snapshot);
    assertThat(read.channels()).containsExactly("itemcf", "swing", "usercf");

    CandidateStage stage = settings.candidateStage(data.interactions());
    RankingPipeline before = trained.pipeline(stage.merge(), stage.similarity(), List.of());
    RankingPipeline after = read.pipeline(stage.merge(), stage.similarity(), List.of());
    assertThat(after.candidates()).isEqualTo(120);
    assertThat(after.preRankKeep()).isEqualTo(40);
    List<String> sideFeatures = data.itemFeatures().columns().stream()
        .filter(c -> c instanceof FeatureColumn.Numeric || c instanceof FeatureColumn.Categorical)
        .map(c -> "item." + c.name()).toList();
    assertThat(sideFeatures).as("the generator's items have numeric or categorical features").isNotEmpty();
    assertThat(after.extractor().names()).contains("swing.rank", "sim.max")
        .contains(sideFeatures.toArray(String[]::new));
    long now = Arrays.stream(data.interactions().userTimes()).max().orElseThrow() + 3_600;
    int compared = 0;
    for (int user = 0; user < data.users().size(); user += 10) {
      RankingRequest request =
          new RankingRequest(UserHistory.of(stage.tables().history(), user), now - 60, now);
      RankedList expected = before.recommend(request, 30, RequestContext.of(now, user, false));
      RankedList actual = after.recommend(request, 30, RequestContext.of(now, user, false));
      assertThat(actual.items()).containsExactly(expected.items());
      assertThat(actual.scores()).containsExactly(expected.scores());
      compared += actual.size();
    }
    assertThat(compared).isGreaterThan(100);
  }

  @Test
  void stagesWithTheAutoencoderReadItBackFromTheirSnapshot(@TempDir Path dir) throws Exception {
    new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(dir.resolve("data"), n -> {});
    Dataset data = DataFormat.GENERIC.reader().read(dir.resolve("data"), FeedbackConfig.DEFAULT);
    RankingSettings settings = new RankingSettings(List.of(Algorithm.ITEMCF), SimilarityConfig.defaults(), 200, 30,
        60, 30, 50, 30);
    PipelineOptions small = new PipelineOptions(Map.of("dae-hidden", "8", "dae-epochs", "3"), 7);
    RankingModel trained = RankingModel.train(data, settings, since -> ShownItems.NONE, PairModelKind.DAE, small, 7,
        QUIET);
    assertThat(trained.channels()).containsExactly("itemcf", "dae");
    CandidateStage stage = settings.candidateStage(data.interactions());
    assertThatThrownBy(() -> trained.pipeline(stage.merge(), stage.similarity(), List.of()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("read the dae model");

    SnapshotWriter lacking = SnapshotWriter.create(dir.resolve("lacking"));
    trained.write(lacking);
    Snapshot withoutModel = Snapshot.open(lacking.commit());
    assertThatThrownBy(() -> RankingModel.read(withoutModel))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("but no dae model");

    DaeModel model = new DaeTrainer(DaeConfig.read(small), null).train(data.interactions()).model();
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("snapshot"));
    trained.write(writer);
    model.write(writer);
    RankingModel read = RankingModel.read(Snapshot.open(writer.commit()));
    PairTraining.PairModel pair = PairModelKind.DAE.read(Snapshot.open(dir.resolve("snapshot")));
    MultiChannelRetriever merge = settings.candidateStage(data.interactions(), pair.channel()).merge();
    RankingPipeline pipeline = read.pipeline(merge, stage.similarity(), List.of());
    List<String> names = Arrays.asList(pipeline.extractor().names());
    assertThat(names).contains("dae.rank", "pair.score");

    long now = Arrays.stream(data.interactions().userTimes()).max().orElseThrow() + 3_600;
    UserHistory history = UserHistory.of(stage.tables().history(), 3);
    RankingRequest request = new RankingRequest(history, now - 60, now);
    Candidates candidates = merge.retrieve(history, 60);
    float[] rows = new float[candidates.size() * names.size()];
    pipeline.extractor().extract(request, candidates, rows);
    float[] h = model.encode(history.items(), 0, history.length());
    for (int c = 0; c < candidates.size(); c++) {
      assertThat(rows[c * names.size() + names.indexOf("pair.score")]).as("candidate %d", c)
          .isEqualTo(model.score(h, candidates.items()[c]));
    }
    assertThat(pipeline.recommend(request, 10, RequestContext.of(now, 3, false)).size()).isEqualTo(10);
  }

  @Test
  void itemsShownAfterTheFirstCutAndNotActedOnJoinTheExamplesAsNegatives(@TempDir Path dir) throws Exception {
    new SyntheticGenerator(GeneratorConfig.of(150, 100, 4000, 5)).write(dir, n -> {});
    Dataset data = DataFormat.GENERIC.reader().read(dir, FeedbackConfig.DEFAULT);
    RankingSettings settings = new RankingSettings(List.of(Algorithm.ITEMCF), SimilarityConfig.defaults(), 200, 30,
        30, 20, 50, 30);
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
    ByteArrayOutputStream without = new ByteArrayOutputStream();
    RankingModel.train(data, settings, since -> ShownItems.NONE, null, null, 7, new PrintStream(without, true, UTF_8));
    ByteArrayOutputStream with = new ByteArrayOutputStream();
    RankingModel.train(data, settings, since -> {
      askedSince[0] = since;
      return ShownItems.of(users, shownUsers, shownItems, shownTimes);
    }, null, null, 7, new PrintStream(with, true, UTF_8));

    long[] sorted = data.interactions().userTimes().clone();
    Arrays.sort(sorted);
    assertThat(askedSince[0]).as("the 60 % quantile of the times: the first cut")
        .isEqualTo(sorted[(int) (0.6 * sorted.length)]);
    long[] plain = examples(without.toString(UTF_8));
    long[] shown = examples(with.toString(UTF_8));
    assertThat(shown[0]).as("requests").isEqualTo(plain[0]);
    assertThat(shown[1]).as("rows").isGreaterThan(plain[1] + plain[0] * 10);
    assertThat(shown[2]).as("positives").isEqualTo(plain[2]);
  }

  /** Requests, rows and positives from the log line "ranker examples: R requests, N rows, P positives". */
  private static long[] examples(String log) {
    Matcher m = Pattern.compile("ranker examples: (\\d+) requests, (\\d+) rows, (\\d+) positives").matcher(log);
    assertThat(m.find()).as(log).isTrue();
    return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3))};
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
