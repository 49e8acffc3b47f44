package dev.funnel.twotower.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.retrieval.online.ScoredItems;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.ann.AnnOptions;
import dev.funnel.twotower.ann.IndexKind;
import dev.funnel.twotower.ann.VectorIndex;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerChannel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two-tower channel against a brute force over the model's own vectors. */
class TwoTowerRetrieverTest {
  private static final Dataset DATA = TinyData.twoGroups(8, 6, 3, 5);

  private static TwoTowerModel model() {
    TowerConfig tower = TowerConfig.defaults().withEmbeddingDim(6).withHidden(8).withOutputDim(4).withHistoryLength(2);
    TrainingConfig config = TrainingConfig.builder().mode(TrainingMode.POINTWISE)
        .negatives(NegativeMix.parse("uniform:1")).negativesPerPositive(2).batchSize(8).epochs(2)
        .validationUsers(0).seed(3).build();
    return new TwoTowerTrainer(tower, config).train(DATA, Exposures.NONE, TrainingListener.NONE).model();
  }

  @Test
  void returnsTheNearestUnseenItemsByCosine(@TempDir Path dir) throws Exception {
    TwoTowerModel model = model();
    try (VectorIndex index = VectorIndex.build(dir.resolve("ann"), model.itemVectors(), model.dim(),
        AnnOptions.defaults().withKind(IndexKind.EXACT))) {
      TwoTowerRetriever retriever = new TwoTowerRetriever(model, index);
      for (int user = 0; user < DATA.users().size(); user++) {
        UserHistory history = history(user);
        ScoredItems found = retriever.retrieve(history, 4);
        int[] expected = bruteForce(model, history, 4);
        assertThat(found.items()).as("user " + user).containsExactly(expected);
        for (int r = 0; r < found.size(); r++) {
          assertThat(found.scores()[r]).isCloseTo(
              TwoTowerModel.score(model.userVector(history), model.itemVector(found.items()[r])), within(1e-5f));
        }
      }
      assertThat(retriever.name()).isEqualTo("twotower");
      assertThatThrownBy(() -> retriever.retrieve(UserHistory.empty(), 0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void aSnapshotWithoutItsIndexGetsOneWhenOpened(@TempDir Path dir) throws Exception {
    TwoTowerModel model = model();
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("snapshot"));
    model.write(writer);
    Path snapshot = writer.commit();
    assertThat(TwoTowerModel.isIn(Snapshot.open(snapshot))).isTrue();
    assertThat(snapshot.resolve(TwoTowerChannel.INDEX_DIR)).doesNotExist();

    TwoTowerRetriever retriever = TwoTowerChannel.open(snapshot);
    assertThat(snapshot.resolve(TwoTowerChannel.INDEX_DIR)).isDirectory();
    UserHistory history = history(0);
    assertThat(retriever.retrieve(history, 3).items()).containsExactly(bruteForce(model, history, 3));
  }

  @Test
  void refusesAnIndexOfOtherVectors(@TempDir Path dir) throws Exception {
    TwoTowerModel model = model();
    try (VectorIndex index = VectorIndex.build(dir.resolve("ann"), new float[] {1, 0, 0, 0, 0, 1, 0, 0}, 4,
        AnnOptions.defaults().withKind(IndexKind.EXACT))) {
      assertThatThrownBy(() -> new TwoTowerRetriever(model, index))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 vectors");
    }
  }

  private static UserHistory history(int user) {
    int from = DATA.interactions().userOffsets()[user];
    int to = DATA.interactions().userOffsets()[user + 1];
    return new UserHistory(user, Arrays.copyOfRange(DATA.interactions().userItems(), from, to),
        Arrays.copyOfRange(DATA.interactions().userValues(), from, to), to - from);
  }

  /** Every unseen item scored by the model's cosine, best first, ties by smaller id. */
  private static int[] bruteForce(TwoTowerModel model, UserHistory history, int n) {
    float[] user = model.userVector(history);
    int[] seen = Arrays.copyOf(history.items(), history.length());
    return IntStream.range(0, model.numItems()).filter(i -> Arrays.stream(seen).noneMatch(s -> s == i)).boxed()
        .sorted(Comparator.comparingDouble((Integer i) -> -TwoTowerModel.score(user, model.itemVector(i)))
            .thenComparingInt(i -> i))
        .limit(n).mapToInt(Integer::intValue).toArray();
  }
}
