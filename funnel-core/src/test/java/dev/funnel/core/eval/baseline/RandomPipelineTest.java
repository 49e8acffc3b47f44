package dev.funnel.core.eval.baseline;

import static dev.funnel.core.data.TestData.dataset;
import static dev.funnel.core.data.TestData.randomMatrix;
import static dev.funnel.core.data.TestData.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RandomPipelineTest {
  private static final InteractionMatrix TRAIN = randomMatrix(50, 30, 20, 8);

  private static Recommender fit(long seed) {
    return new RandomPipeline().fit(dataset(TRAIN), new PipelineOptions(Map.of(), seed));
  }

  @Test
  void returnsDistinctUnseenItems() {
    Recommender random = fit(1);
    for (int u = 0; u < TRAIN.numUsers(); u++) {
      int[] list = random.recommend(u, 10);
      int[] seen = row(TRAIN, u);
      int unseen = TRAIN.numItems() - seen.length;
      assertThat(list).hasSize(Math.min(10, unseen)).doesNotHaveDuplicates();
      for (int item : list) {
        assertThat(item).isBetween(0, TRAIN.numItems() - 1).isNotIn(Arrays.stream(seen).boxed().toList());
      }
    }
  }

  @Test
  void askingForMoreThanAvailableGivesEveryUnseenItem() {
    int[] seen = row(TRAIN, 0);
    int[] unseen = IntStream.range(0, TRAIN.numItems()).filter(i -> Arrays.stream(seen).noneMatch(s -> s == i))
        .toArray();
    assertThat(fit(1).recommend(0, 1000)).containsExactlyInAnyOrder(unseen);
  }

  @Test
  void sameSeedSameListsWhateverTheCallOrder() {
    Recommender a = fit(5);
    Recommender b = fit(5);
    int[][] forward = IntStream.range(0, 50).mapToObj(u -> a.recommend(u, 5)).toArray(int[][]::new);
    for (int u = 49; u >= 0; u--) {
      assertThat(b.recommend(u, 5)).isEqualTo(forward[u]);
      assertThat(b.recommend(u, 5)).as("repeatable").isEqualTo(forward[u]);
    }
  }

  @Test
  void otherSeedOtherLists() {
    Recommender a = fit(5);
    Recommender b = fit(6);
    long differing = IntStream.range(0, 50).filter(u -> !Arrays.equals(a.recommend(u, 5), b.recommend(u, 5))).count();
    assertThat(differing).isGreaterThan(40);
  }

  @Test
  void rejectsNBelowOne() {
    assertThatThrownBy(() -> fit(1).recommend(0, -3)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n must be ≥ 1");
  }
}
