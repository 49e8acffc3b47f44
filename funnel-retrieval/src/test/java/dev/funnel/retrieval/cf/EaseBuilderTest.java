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
    NeighborIndex index = new EaseBuilder(ONE, Entity.ITEM).build(data.toMatrix(), rows -> {});
    assertThat(index.neighbors()).containsExactly(1, 0);
    assertThat(index.scores()[0]).isCloseTo(1f / 3, within(1e-6f));
    assertThat(index.scores()[1]).isCloseTo(0.5f, within(1e-6f));
  }

  /**
   * Items {0, 1} and {0} of users 0 and 1 (the matrix of {@link #twoItemsWorkedByHand} transposed), λ = 1: XXᵀ + I =
   * [[3, 1], [1, 2]], P = [[2, −1], [−1, 3]] / 5; user 0 is rebuilt from user 1 with B[1][0] = −P10/P00 = 1/2 and user
   * 1 from user 0 with B[0][1] = −P01/P11 = 1/3, so row 0 holds 1/2 and row 1 holds 1/3.
   */
  @Test
  void twoUsersWorkedByHand() {
    TestMatrix data =
        TestMatrix.of(2, 2, new double[] {0, 0, 1, 1}, new double[] {1, 0, 1, 2}, new double[] {0, 1, 1, 3});
    NeighborIndex index = new EaseBuilder(ONE, Entity.USER).build(data.toMatrix(), rows -> {});
    assertThat(index.neighbors()).containsExactly(1, 0);
    assertThat(index.scores()[0]).isCloseTo(0.5f, within(1e-6f));
    assertThat(index.scores()[1]).isCloseTo(1f / 3, within(1e-6f));
  }

  @Test
  void matchesGaussJordanOnRandomMatrices() {
    Random random = new Random(7);
    for (Algorithm algorithm : new Algorithm[] {Algorithm.EASE, Algorithm.EASE_USER}) {
      boolean items = algorithm.entity() == Entity.ITEM;
      for (int seed = 0; seed < 200; seed++) {
        TestMatrix data = TestMatrix.random(random, 9 + random.nextInt(6), 9 + random.nextInt(6));
        SimilarityConfig config = ONE.withEaseLambda(0.5 + 10 * random.nextDouble())
            .withEaseNeighbors(1 + random.nextInt(12));
        double[][] expected = BruteForceSimilarity.similarities(data, algorithm, config);
        NeighborIndex index = algorithm.builder(config).build(data.toMatrix(), rows -> {});
        String context = algorithm + " matrix " + seed + " " + data + " with " + config;
        for (int row = 0; row < (items ? data.numItems() : data.numUsers()); row++) {
          int modelled = degree(data, row, items) > 0 ? modelled(data, items) : 0;
          assertRowIsTopByMagnitude(index, expected, row, modelled, config.easeNeighbors(), context);
        }
      }
    }
  }

  @Test
  void onlyTheMostActiveUsersAreModelled() {
    // user 0: 3 items, user 1: 2 items, user 2: 1 item; only users 0 and 1 are modelled
    TestMatrix data = TestMatrix.of(3, 3, new double[] {0, 0, 1, 1}, new double[] {0, 1, 1, 1},
        new double[] {0, 2, 1, 1}, new double[] {1, 0, 1, 2}, new double[] {1, 1, 1, 2}, new double[] {2, 0, 1, 3});
    NeighborIndex index = new EaseBuilder(ONE, Entity.USER, 2).build(data.toMatrix(), rows -> {});
    assertThat(index.degree(2)).isZero();
    assertTheTopTwoAsIfAlone(index, Algorithm.EASE_USER, TestMatrix.of(2, 3, new double[] {0, 0, 1, 1},
        new double[] {0, 1, 1, 1}, new double[] {0, 2, 1, 1}, new double[] {1, 0, 1, 2}, new double[] {1, 1, 1, 2}));
  }

  @Test
  void onlyTheMostPopularItemsAreModelled() {
    // item 0: 3 users, item 1: 2 users, item 2: 1 user, item 3: none
    TestMatrix data = TestMatrix.of(3, 4, new double[] {0, 0, 1, 1}, new double[] {1, 0, 1, 1},
        new double[] {2, 0, 1, 1}, new double[] {0, 1, 1, 2}, new double[] {1, 1, 1, 2}, new double[] {0, 2, 1, 3});
    NeighborIndex index = new EaseBuilder(ONE, Entity.ITEM, 2).build(data.toMatrix(), rows -> {});
    assertThat(index.degree(2)).isZero();
    assertThat(index.degree(3)).isZero();
    assertTheTopTwoAsIfAlone(index, Algorithm.EASE, TestMatrix.of(3, 2, new double[] {0, 0, 1, 1},
        new double[] {1, 0, 1, 1}, new double[] {2, 0, 1, 1}, new double[] {0, 1, 1, 2}, new double[] {1, 1, 1, 2}));
  }

  /** Rows 0 and 1 of {@code index} hold each other with the weights EASE gives on {@code topTwo} alone. */
  private static void assertTheTopTwoAsIfAlone(NeighborIndex index, Algorithm algorithm, TestMatrix topTwo) {
    double[][] expected = BruteForceSimilarity.similarities(topTwo, algorithm, ONE);
    assertThat(index.neighbors()).containsExactly(1, 0);
    assertThat(index.scores()[0]).isCloseTo((float) expected[0][1], within(1e-6f));
    assertThat(index.scores()[1]).isCloseTo((float) expected[1][0], within(1e-6f));
  }

  private static void assertRowIsTopByMagnitude(NeighborIndex index, double[][] expected, int row, int modelled,
      int k, String context) {
    int start = index.offsets()[row];
    int kept = index.degree(row);
    assertThat(kept).as(context + " row " + row).isEqualTo(Math.min(k, Math.max(0, modelled - 1)));
    double smallestKept = Double.MAX_VALUE;
    boolean[] isKept = new boolean[expected.length];
    for (int p = start; p < start + kept; p++) {
      int j = index.neighbors()[p];
      assertThat(j).as(context).isNotEqualTo(row);
      assertThat((double) index.scores()[p]).as(context + " B[" + row + "][" + j + "]")
          .isCloseTo(expected[row][j], within(1e-5 * Math.max(1, Math.abs(expected[row][j]))));
      smallestKept = Math.min(smallestKept, Math.abs(expected[row][j]));
      isKept[j] = true;
    }
    for (int j = 0; j < expected.length && kept > 0; j++) {
      if (!isKept[j] && j != row) {
        assertThat(Math.abs(expected[row][j])).as(context + " dropped B[" + row + "][" + j + "]")
            .isLessThanOrEqualTo(smallestKept + 1e-5);
      }
    }
  }

  private static int degree(TestMatrix data, int id, boolean items) {
    return (int) data.interactions().stream().filter(x -> (items ? x.item() : x.user()) == id).count();
  }

  private static int modelled(TestMatrix data, boolean items) {
    return (int) data.interactions().stream().mapToInt(x -> items ? x.item() : x.user()).distinct().count();
  }
}
