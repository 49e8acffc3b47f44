package dev.funnel.twotower.dae;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.retrieval.online.ScoredItems;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.train.TinyData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The autoencoder: its forward pass by hand, what training learns, its early stopping and its channel. */
class DaeTest {
  private static final Dataset DATA = TinyData.twoGroups(16, 12, 5, 3);

  private static DaeConfig small(int epochs, int patience, int validationUsers) {
    return new DaeConfig(16, 0.5, epochs, 8, 0.01, 0.001, patience, validationUsers, 1, 7);
  }

  private static UserHistory history(InteractionMatrix m, int user) {
    int from = m.userOffsets()[user];
    int to = m.userOffsets()[user + 1];
    return new UserHistory(user, Arrays.copyOfRange(m.userItems(), from, to),
        Arrays.copyOfRange(m.userValues(), from, to), to - from);
  }

  @Test
  void forwardPassMatchesAHandComputedExample() {
    // 3 items, 2 hidden units. Encoder rows: item 0 (1, 0), item 1 (0, 1), item 2 (1, 1); bias (0.5, −0.5).
    // Decoder rows: item 0 (1, 2), item 1 (−1, 0), item 2 (0.5, 0.5); biases 0, 1, −1.
    DaeModel model = new DaeModel(3, 2, new float[] {1, 0, 0, 1, 1, 1}, new float[] {0.5f, -0.5f},
        new float[] {1, 2, -1, 0, 0.5f, 0.5f}, new float[] {0, 1, -1});
    // Items {0, 2}: the repeated 2 and the unknown 7 do not count, so the input is scaled by 1/√2.
    float[] h = model.encode(new int[] {2, 0, 2, 7}, 0, 4);
    double h0 = Math.tanh(0.5 + 2 / Math.sqrt(2));
    double h1 = Math.tanh(-0.5 + 1 / Math.sqrt(2));
    assertThat(h).containsExactly(new float[] {(float) h0, (float) h1}, within(1e-6f));
    assertThat(model.score(h, 0)).isCloseTo((float) (h0 + 2 * h1), within(1e-6f));
    assertThat(model.score(h, 1)).isCloseTo((float) (1 - h0), within(1e-6f));
    assertThat(model.score(h, 2)).isCloseTo((float) (-1 + 0.5 * h0 + 0.5 * h1), within(1e-6f));
    assertThat(model.score(h, 3)).isNaN();
    assertThat(model.encode(new int[] {7, -1}, 0, 2)).isNull();
  }

  @Test
  void learnsWhichItemsGoTogether() {
    InteractionMatrix m = DATA.interactions();
    DaeRetriever retriever = new DaeRetriever(new DaeTrainer(small(60, 60, 0), DaeTrainer.Listener.NONE).train(m).model());
    int group = DATA.items().size() / 2; // items A0.. are dense 0..11, B0.. 12..23, then the cold item
    for (int u = 0; u < m.numUsers(); u++) {
      boolean inA = m.userItems()[m.userOffsets()[u]] < group;
      ScoredItems top = retriever.retrieve(history(m, u), 5);
      assertThat(top.items()).as("user %d's top 5", u).hasSize(5);
      assertThat(Arrays.stream(top.items()).boxed()).as("user %d's top 5", u)
          .allMatch(i -> inA ? i < group : i >= group && i < 2 * group);
    }
  }

  @Test
  void sameSeedSameWeights() {
    InteractionMatrix m = DATA.interactions();
    DaeModel a = new DaeTrainer(small(3, 3, 4), DaeTrainer.Listener.NONE).train(m).model();
    DaeModel b = new DaeTrainer(small(3, 3, 4), DaeTrainer.Listener.NONE).train(m).model();
    float[] ha = a.encode(m.userItems(), 0, 5);
    float[] hb = b.encode(m.userItems(), 0, 5);
    assertThat(hb).containsExactly(ha);
    for (int i = 0; i < m.numItems(); i++) {
      assertThat(b.score(hb, i)).isEqualTo(a.score(ha, i));
    }
  }

  @Test
  void stopsAfterPatienceEpochsWithoutABetterValidationScore() {
    List<Integer> epochs = new ArrayList<>();
    List<Double> bestScores = new ArrayList<>();
    int[] lastBest = {0};
    DaeTrainer.Result result = new DaeTrainer(small(500, 3, 10), (epoch, loss, ndcg, best) -> {
      epochs.add(epoch);
      if (best) {
        lastBest[0] = epoch;
        bestScores.add(ndcg);
      }
    }).train(DATA.interactions());
    assertThat(epochs).isEqualTo(IntStream.rangeClosed(1, epochs.size()).boxed().toList());
    assertThat(result.bestEpoch()).isEqualTo(lastBest[0]).isPositive();
    assertThat(result.epochs()).isEqualTo(lastBest[0] + 3).isEqualTo(epochs.size()).isLessThan(500);
    assertThat(bestScores.get(bestScores.size() - 1)).isEqualTo(result.validationNdcg());
  }

  @Test
  void retrieverRanksEveryUnseenItemByScore() {
    InteractionMatrix m = DATA.interactions();
    DaeModel model = new DaeTrainer(small(5, 5, 0), DaeTrainer.Listener.NONE).train(m).model();
    UserHistory history = history(m, 3);
    float[] h = model.encode(history.items(), 0, history.length());
    int[] expected = IntStream.range(0, m.numItems())
        .filter(i -> Arrays.stream(history.items()).noneMatch(s -> s == i)).boxed()
        .sorted((x, y) -> Float.compare(model.score(h, y), model.score(h, x))).limit(7)
        .mapToInt(Integer::intValue).toArray();

    assertThat(new DaeRetriever(model).retrieve(history, 7).items()).containsExactly(expected);
    assertThat(new DaeRetriever(model).retrieve(UserHistory.empty(), 7)).isSameAs(ScoredItems.NONE);
  }

  @Test
  void aSnapshotGivesBackTheSameScores(@TempDir Path dir) throws Exception {
    InteractionMatrix m = DATA.interactions();
    DaeModel model = new DaeTrainer(small(3, 3, 0), DaeTrainer.Listener.NONE).train(m).model();
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("model"));
    model.write(writer);
    Snapshot snapshot = Snapshot.open(writer.commit());
    snapshot.verify();

    assertThat(DaeModel.isIn(snapshot.manifest())).isTrue();
    DaeModel read = DaeModel.read(snapshot);
    for (int u = 0; u < m.numUsers(); u++) {
      UserHistory history = history(m, u);
      assertThat(new DaeRetriever(read).retrieve(history, 10)).usingRecursiveComparison()
          .isEqualTo(new DaeRetriever(model).retrieve(history, 10));
    }
    SnapshotWriter empty = SnapshotWriter.create(dir.resolve("empty"));
    Snapshot without = Snapshot.open(empty.commit());
    assertThat(DaeModel.isIn(without.manifest())).isFalse();
    assertThatThrownBy(() -> DaeModel.read(without)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holds no autoencoder");
  }

  @Test
  void optionsAreCheckedAndNamed() {
    assertThat(DaeConfig.read(new PipelineOptions(Map.of("dae-hidden", "32"), 5)))
        .isEqualTo(new DaeConfig(32, 0.5, 200, 128, 1e-3, 0.01, 10, 200, 1, 5));
    assertThatThrownBy(() -> DaeConfig.read(new PipelineOptions(Map.of("dae-dropout", "1"), 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dropout");
    assertThatThrownBy(() -> DaeConfig.read(new PipelineOptions(Map.of("dae-hidden", "0"), 5)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dae-hidden");
    assertThatThrownBy(() -> new DaeTrainer(small(1, 1, 0), DaeTrainer.Listener.NONE).train(
        InteractionMatrix.of(2, 2, new int[0], new int[0], new float[0], new long[0])))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no interactions");
    InteractionMatrix huge = InteractionMatrix.of(1, 5_000_000, new int[] {0}, new int[] {7}, new float[] {1},
        new long[] {1});
    assertThatThrownBy(() -> new DaeTrainer(DaeConfig.defaults(1), DaeTrainer.Listener.NONE).train(huge))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5000000 × 600");
  }
}
