package dev.funnel.core.eval.baseline;

import static dev.funnel.core.data.TestData.dataset;
import static dev.funnel.core.data.TestData.matrix;
import static dev.funnel.core.data.TestData.randomMatrix;
import static dev.funnel.core.data.TestData.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PopularPipelineTest {
  private static Recommender fit(InteractionMatrix train) {
    return new PopularPipeline().fit(dataset(train), new PipelineOptions(Map.of(), 1));
  }

  /**
   * Users 0 {0, 1}, 1 {1, 2}, 2 {1, 2, 3}, 3 {} over items 0..4. Distinct users per item: 0→1, 1→3, 2→2, 3→1,
   * 4→0. Order: 1 (3), 2 (2), 0 and 3 (1 each, tie by id: 0 first), 4 (0).
   */
  private static final InteractionMatrix TRAIN = matrix(4, 5,
      new long[] {0, 0, 1}, new long[] {0, 1, 1},
      new long[] {1, 1, 1}, new long[] {1, 2, 1},
      new long[] {2, 1, 1}, new long[] {2, 2, 1}, new long[] {2, 3, 1});

  @Test
  void ranksByDistinctUsersWithTiesBySmallerId() {
    Recommender popular = fit(TRAIN);
    assertThat(popular.recommend(3, 10)).containsExactly(1, 2, 0, 3, 4);
    assertThat(popular.recommend(3, 3)).containsExactly(1, 2, 0);
  }

  @Test
  void skipsTheUsersTrainingItems() {
    Recommender popular = fit(TRAIN);
    assertThat(popular.recommend(0, 10)).containsExactly(2, 3, 4);
    assertThat(popular.recommend(0, 2)).containsExactly(2, 3);
    assertThat(popular.recommend(2, 10)).containsExactly(0, 4);
  }

  @Test
  void matchesABruteForceSortOnRandomData() {
    InteractionMatrix train = randomMatrix(200, 50, 30, 4);
    Recommender popular = fit(train);
    Integer[] byPopularity = IntStream.range(0, 50).boxed()
        .sorted(Comparator.comparingInt((Integer i) -> -train.itemDegree(i)).thenComparing(i -> i))
        .toArray(Integer[]::new);
    for (int u = 0; u < train.numUsers(); u++) {
      int[] seen = row(train, u);
      int[] expected = Arrays.stream(byPopularity).mapToInt(Integer::intValue)
          .filter(i -> Arrays.stream(seen).noneMatch(s -> s == i)).limit(10).toArray();
      assertThat(popular.recommend(u, 10)).as("user %d", u).containsExactly(expected);
    }
  }

  @Test
  void rejectsNBelowOne() {
    assertThatThrownBy(() -> fit(TRAIN).recommend(0, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("n must be ≥ 1");
  }

  @Test
  void describesItself() {
    assertThat(new PopularPipeline().name()).isEqualTo("popular");
    assertThat(new PopularPipeline().description()).isNotBlank();
  }
}
