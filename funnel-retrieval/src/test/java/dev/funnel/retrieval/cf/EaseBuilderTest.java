package dev.funnel.retrieval.cf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class EaseBuilderTest {
  private static final SimilarityConfig ONE = SimilarityConfig.defaults().withEaseLambda(1).withThreads(1);

  /**
   * Users {0, 1} and {0}, λ = 1: G = [[3, 1], [1, 2]], P = G⁻¹ = [[2, −1], [−1, 3]] / 5, so
   * B[0][1] = −P01/P11 = 1/3 and B[1][0] = −P10/P00 = 1/2.
   */
  @Test
  void twoItemsWorkedByHand() {
    TestMatrix data = TestMatrix.of(2, 2, new double[] {0, 0, 1, 1}, new double[] {0, 1, 1, 2}, new double[] {1, 0, 1, 3});
    NeighborIndex index = new EaseBuilder(ONE).build(data.toMatrix(), rows -> {});
    assertThat(index.neighbors()).containsExactly(1, 0);
    assertThat(index.scores()[0]).isCloseTo(1f / 3, within(1e-6f));
    assertThat(index.scores()[1]).isCloseTo(0.5f, within(1e-6f));
  }

  @Test
  void matchesGaussJordanOnRandomMatrices() {
    Random random = new Random(7);
    for (int seed = 0; seed < 200; seed++) {
      TestMatrix data = TestMatrix.random(random, 12, 12);
      SimilarityConfig config = ONE.withEaseLambda(0.5 + 10 * random.nextDouble())
          .withEaseNeighbors(1 + random.nextInt(12));
      double[][] expected = BruteForceSimilarity.similarities(data, Algorithm.EASE, config);
      NeighborIndex index = new EaseBuilder(config).build(data.toMatrix(), rows -> {});
      String context = "matrix " + seed + " " + data + " with " + config;
      for (int item = 0; item < data.numItems(); item++) {
        assertRowIsTopByMagnitude(index, expected, item, degree(data, item) > 0 ? modelled(data) : 0,
            config.easeNeighbors(), context);
      }
    }
  }

  @Test
  void onlyTheMostPopularItemsAreModelled() {
    // item 0: 3 users, item 1: 2 users, item 2: 1 user, item 3: none
    TestMatrix data = TestMatrix.of(3, 4, new double[] {0, 0, 1, 1}, new double[] {1, 0, 1, 1},
        new double[] {2, 0, 1, 1}, new double[] {0, 1, 1, 2}, new double[] {1, 1, 1, 2}, new double[] {0, 2, 1, 3});
    NeighborIndex index = new EaseBuilder(ONE, 2).build(data.toMatrix(), rows -> {});
    assertThat(index.degree(2)).isZero();
    assertThat(index.degree(3)).isZero();
    TestMatrix topTwo = TestMatrix.of(3, 2, new double[] {0, 0, 1, 1}, new double[] {1, 0, 1, 1},
        new double[] {2, 0, 1, 1}, new double[] {0, 1, 1, 2}, new double[] {1, 1, 1, 2});
    double[][] expected = BruteForceSimilarity.similarities(topTwo, Algorithm.EASE, ONE);
    assertThat(index.neighbors()).containsExactly(1, 0);
    assertThat(index.scores()[0]).isCloseTo((float) expected[0][1], within(1e-6f));
    assertThat(index.scores()[1]).isCloseTo((float) expected[1][0], within(1e-6f));
  }

  private static void assertRowIsTopByMagnitude(NeighborIndex index, double[][] expected, int item, int modelled,
      int k, String context) {
    int start = index.offsets()[item];
    int kept = index.degree(item);
    assertThat(kept).as(context + " row " + item).isEqualTo(Math.min(k, Math.max(0, modelled - 1)));
    double smallestKept = Double.MAX_VALUE;
    boolean[] isKept = new boolean[expected.length];
    for (int p = start; p < start + kept; p++) {
      int j = index.neighbors()[p];
      assertThat(j).as(context).isNotEqualTo(item);
      assertThat((double) index.scores()[p]).as(context + " B[" + item + "][" + j + "]")
          .isCloseTo(expected[item][j], within(1e-5 * Math.max(1, Math.abs(expected[item][j]))));
      smallestKept = Math.min(smallestKept, Math.abs(expected[item][j]));
      isKept[j] = true;
    }
    for (int j = 0; j < expected.length && kept > 0; j++) {
      if (!isKept[j] && j != item) {
        assertThat(Math.abs(expected[item][j])).as(context + " dropped B[" + item + "][" + j + "]")
            .isLessThanOrEqualTo(smallestKept + 1e-5);
      }
    }
  }

  private static int degree(TestMatrix data, int item) {
    return (int) data.interactions().stream().filter(x -> x.item() == item).count();
  }

  private static int modelled(TestMatrix data) {
    return (int) data.interactions().stream().mapToInt(TestMatrix.Interaction::item).distinct().count();
  }
}
