package dev.funnel.rank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import dev.funnel.rank.features.RankingRequest;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.RequestContext;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.online.UserHistory;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ranking stages a build writes into a snapshot rank, once read back, exactly as the trained ones: same items,
 * same scores, bit for bit — and the data's side features, which a snapshot does not keep, are not trained on.
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

    RankingModel trained = RankingModel.train(data, settings, 7, QUIET);
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("snapshot"));
    trained.write(writer);
    Snapshot snapshot = Snapshot.open(writer.commit());
    assertThat(RankingModel.isIn(snapshot.manifest())).isTrue();
    RankingModel read = RankingModel.read(snapshot);
    assertThat(read.channels()).containsExactly("itemcf", "swing", "usercf");

    CandidateStage stage = settings.candidateStage(data.interactions());
    RankingPipeline before = trained.pipeline(stage.merge(), stage.similarity(), data.users().size());
    RankingPipeline after = read.pipeline(stage.merge(), stage.similarity(), data.users().size());
    assertThat(after.candidates()).isEqualTo(120);
    assertThat(after.preRankKeep()).isEqualTo(40);
    assertThat(after.extractor().names()).doesNotContain("item.category").contains("swing.rank", "sim.max");
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
  void aSnapshotWithoutRankingStagesIsRefusedClearly(@TempDir Path dir) throws Exception {
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("empty"));
    writer.writeInts("something", new int[] {1});
    Snapshot snapshot = Snapshot.open(writer.commit());
    assertThat(RankingModel.isIn(snapshot.manifest())).isFalse();
    assertThatThrownBy(() -> RankingModel.read(snapshot))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no ranking stages");
  }
}
