package dev.funnel.twotower.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TwoTowerModel;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Save → load gives identical vectors; the same seed gives the same weights, another seed others. */
class SnapshotAndSeedTest {
  private static final Dataset DATA = TinyData.twoGroups(8, 6, 3, 3);
  private static final TowerConfig TOWER = TowerConfig.defaults().withEmbeddingDim(6).withHidden(8)
      .withOutputDim(4).withHistoryLength(2).withNumeric(TowerConfig.NumericEncoding.BUCKETISE, 4);

  private static TwoTowerModel train(long seed) {
    TrainingConfig config = TrainingConfig.builder().mode(TrainingMode.POINTWISE)
        .negatives(NegativeMix.parse("uniform:1,popularity:1")).negativesPerPositive(2).batchSize(8).epochs(3)
        .validationUsers(4).seed(seed).build();
    return new TwoTowerTrainer(TOWER, config).train(DATA, Exposures.NONE, TrainingListener.NONE).model();
  }

  @Test
  void saveThenLoadGivesIdenticalVectors(@TempDir Path dir) throws Exception {
    TwoTowerModel model = train(1);
    SnapshotWriter writer = SnapshotWriter.create(dir.resolve("model"));
    model.write(writer);
    Snapshot snapshot = Snapshot.open(writer.commit());
    snapshot.verify();
    TwoTowerModel loaded = TwoTowerModel.read(snapshot);

    assertThat(loaded.config()).isEqualTo(model.config());
    assertThat(loaded.itemVectors()).containsExactly(model.itemVectors());
    assertThat(loaded.itemVector(-1)).containsExactly(model.itemVector(-1));
    var m = DATA.interactions();
    for (int u = 0; u < m.numUsers(); u++) {
      int[] items = java.util.Arrays.copyOfRange(m.userItems(), m.userOffsets()[u], m.userOffsets()[u + 1]);
      UserHistory history = new UserHistory(u, items, new float[items.length], items.length);
      assertThat(loaded.userVector(history)).containsExactly(model.userVector(history));
    }
    // A user unknown at training time, with a live history: the unknown rows plus the pooled items.
    UserHistory stranger = new UserHistory(-1, new int[] {0, 1, 2}, new float[3], 3);
    assertThat(loaded.userVector(stranger)).containsExactly(model.userVector(stranger));
    assertThat(model.userVector(stranger)).isNotEqualTo(model.userVector(UserHistory.empty()));
  }

  @Test
  void sameSeedSameWeightsOtherSeedOthers() {
    TwoTowerModel first = train(7);
    TwoTowerModel second = train(7);
    TwoTowerModel other = train(8);

    assertThat(second.itemVectors()).containsExactly(first.itemVectors());
    assertThat(second.userVector(new UserHistory(3, new int[] {1}, new float[1], 1)))
        .containsExactly(first.userVector(new UserHistory(3, new int[] {1}, new float[1], 1)));
    assertThat(other.itemVectors()).isNotEqualTo(first.itemVectors());
  }
}
