package dev.funnel.twotower.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDManager;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TowerInputs;
import dev.funnel.twotower.model.TwoTowerModel;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain-Java forward pass serving uses computes what the PyTorch graph computes, to 1e-5, for both towers,
 * with features, pooled histories, missing values, a cold item (unknown id) and an unknown user (-1).
 */
class ForwardEquivalenceTest {
  private static final Dataset DATA = TinyData.twoGroups(6, 5, 3, 11);

  static Stream<Arguments> configs() {
    TowerConfig base = TowerConfig.defaults().withEmbeddingDim(6).withOutputDim(5).withHistoryLength(2);
    return Stream.of(
        Arguments.of("normalised numbers, one hidden layer, cosine", base.withHidden(7)),
        Arguments.of("bucketised numbers, two hidden layers", base.withHidden(9, 4)
            .withNumeric(TowerConfig.NumericEncoding.BUCKETISE, 3)),
        Arguments.of("no hidden layer, dot product, no history", base.withHidden().withCosine(false)
            .withHistoryLength(0)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("configs")
  void javaForwardEqualsDjl(String name, TowerConfig config) {
    InteractionMatrix m = DATA.interactions();
    int cold = DATA.items().denseId("cold");
    TowerInputs users = TowerInputs.build(DATA.userFeatures(), m.numUsers(), u -> u != 0, config);
    TowerInputs items = TowerInputs.build(DATA.itemFeatures(), m.numItems(), i -> i != cold, config);
    int numUsers = m.numUsers() + 1;
    int[] userIds = new int[numUsers];
    int[] from = new int[numUsers];
    int[] to = new int[numUsers];
    for (int u = 0; u < m.numUsers(); u++) {
      userIds[u] = u;
      from[u] = m.userOffsets()[u];
      to[u] = m.userOffsets()[u + 1];
    }
    // The unknown user, with the first user's history.
    userIds[m.numUsers()] = -1;
    from[m.numUsers()] = m.userOffsets()[0];
    to[m.numUsers()] = m.userOffsets()[1];
    int[] itemIds = new int[m.numItems() + 1];
    for (int i = 0; i < m.numItems(); i++) {
      itemIds[i] = i;
    }
    itemIds[m.numItems()] = -1;

    try (NDManager manager = PyTorch.engine(1).newBaseManager();
        DjlTowers towers = new DjlTowers(manager, config, users, items, 0.01, 5)) {
      TowerBatch userBatch = TowerBatch.of(users, userIds, numUsers);
      if (config.historyLength() > 0) {
        int[] clippedFrom = new int[numUsers];
        for (int r = 0; r < numUsers; r++) {
          clippedFrom[r] = Math.max(from[r], to[r] - config.historyLength());
        }
        userBatch.history(items, m.userItems(), clippedFrom, to);
      }
      float[] djlUsers = towers.users(manager, userBatch).toFloatArray();
      float[] djlItems = towers.items(manager, TowerBatch.of(items, itemIds, itemIds.length)).toFloatArray();
      TwoTowerModel model = towers.export();

      int d = config.outputDim();
      for (int r = 0; r < numUsers; r++) {
        float[] java = model.userVector(userIds[r], m.userItems(), from[r], to[r]);
        for (int k = 0; k < d; k++) {
          assertThat(java[k]).as("user row %d dim %d", r, k).isCloseTo(djlUsers[r * d + k], within(1e-5f));
        }
      }
      for (int r = 0; r < itemIds.length; r++) {
        float[] java = model.itemVector(itemIds[r]);
        for (int k = 0; k < d; k++) {
          assertThat(java[k]).as("item row %d dim %d", r, k).isCloseTo(djlItems[r * d + k], within(1e-5f));
        }
      }
      // The cold item and the unknown item share the unknown id row, but the cold item keeps its features.
      assertThat(model.itemVector(cold)).isNotEqualTo(model.itemVector(-1));
      assertThat(users.hasTrainedId(0)).isFalse();
    }
  }
}
