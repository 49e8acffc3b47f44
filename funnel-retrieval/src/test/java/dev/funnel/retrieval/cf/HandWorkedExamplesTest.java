package dev.funnel.retrieval.cf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.InteractionMatrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every formula on small matrices worked out on paper. The main example, (user: item value @time):
 *
 * <pre>
 *   u0: i0 2 @1, i1 1 @2, i2 4 @3      W(i0) = {u0, u1, u3}   J(u0) = {i0, i1, i2}
 *   u1: i0 1 @1, i1 3 @2               W(i1) = {u0, u1, u2}   J(u1) = {i0, i1}
 *   u2: i1 2 @1, i2 1 @2, i3 5 @3      W(i2) = {u0, u2}       J(u2) = {i1, i2, i3}
 *   u3: i0 2 @1   (a single interaction)       W(i3) = {u2}       J(u3) = {i0}
 *   u4: i4 3 @1   (an item nobody shares)      W(i4) = {u4}       J(u4) = {i4}
 *   u5 and i5 have no interactions.
 * </pre>
 */
class HandWorkedExamplesTest {
  private static final double[][] MAIN = {
      {0, 0, 2, 1}, {0, 1, 1, 2}, {0, 2, 4, 3},
      {1, 0, 1, 1}, {1, 1, 3, 2},
      {2, 1, 2, 1}, {2, 2, 1, 2}, {2, 3, 5, 3},
      {3, 0, 2, 1},
      {4, 4, 3, 1}};

  private static final SimilarityConfig ONE_THREAD = SimilarityConfig.defaults().withThreads(1);

  /**
   * Shared users: i0·i1 {u0,u1} = 2, i0·i2 {u0} = 1, i1·i2 {u0,u2} = 2, i1·i3 {u2} = 1, i2·i3 {u2} = 1, i0·i3 none.
   * Divided by sqrt(|W1|·|W2|) with |W| = 3, 3, 2, 1: i0·i1 = 2/3, i0·i2 = 1/√6, i1·i2 = 2/√6, i1·i3 = 1/√3,
   * i2·i3 = 1/√2. i4 (its only user has nothing else) and i5 (no users) have no neighbours.
   */
  @Test
  void itemCf() {
    NeighborIndex index = build(Algorithm.ITEMCF, ONE_THREAD, 6, 6, MAIN);
    assertRow(index, 0, new int[] {1, 2}, 2.0 / 3, 1 / Math.sqrt(6));
    assertRow(index, 1, new int[] {2, 0, 3}, 2 / Math.sqrt(6), 2.0 / 3, 1 / Math.sqrt(3));
    assertRow(index, 2, new int[] {1, 3, 0}, 2 / Math.sqrt(6), 1 / Math.sqrt(2), 1 / Math.sqrt(6));
    assertRow(index, 3, new int[] {2, 1}, 1 / Math.sqrt(2), 1 / Math.sqrt(3));
    assertRow(index, 4, new int[] {});
    assertRow(index, 5, new int[] {});
  }

  /**
   * Squared norms: i0 4+1+4 = 9, i1 1+9+4 = 14, i2 16+1 = 17, i3 25. Dot products: i0·i1 = 2·1 + 1·3 = 5,
   * i0·i2 = 2·4 = 8, i1·i2 = 1·4 + 2·1 = 6, i1·i3 = 2·5 = 10, i2·i3 = 1·5 = 5. So i0·i1 = 5/(3√14) ≈ 0.445,
   * i0·i2 = 8/(3√17) ≈ 0.647, i1·i2 = 6/√238 ≈ 0.389, i1·i3 = 10/(5√14) ≈ 0.535, i2·i3 = 5/(5√17) ≈ 0.243:
   * the values reorder i1's and i2's lists compared with binary ItemCF.
   */
  @Test
  void itemCfWeighted() {
    NeighborIndex index = build(Algorithm.ITEMCF_WEIGHTED, ONE_THREAD, 6, 6, MAIN);
    double i0i1 = 5 / (3 * Math.sqrt(14));
    double i0i2 = 8 / (3 * Math.sqrt(17));
    double i1i2 = 6 / Math.sqrt(238);
    double i1i3 = 2 / Math.sqrt(14);
    double i2i3 = 1 / Math.sqrt(17);
    assertRow(index, 0, new int[] {2, 1}, i0i2, i0i1);
    assertRow(index, 1, new int[] {3, 0, 2}, i1i3, i0i1, i1i2);
    assertRow(index, 2, new int[] {0, 1, 3}, i0i2, i1i2, i2i3);
    assertRow(index, 3, new int[] {1, 2}, i1i3, i2i3);
    assertRow(index, 4, new int[] {});
  }

  /**
   * Shared items: u0·u1 {i0,i1} = 2, u0·u2 {i1,i2} = 2, u0·u3 {i0} = 1, u1·u2 {i1} = 1, u1·u3 {i0} = 1,
   * u2·u3 none; |J| = 3, 2, 3, 1. So u0·u1 = 2/√6, u0·u2 = 2/3, u0·u3 = 1/√3, u1·u2 = 1/√6, u1·u3 = 1/√2.
   * u3, with a single interaction, still has neighbours; u4 shares nothing; u5 has nothing.
   */
  @Test
  void userCf() {
    NeighborIndex index = build(Algorithm.USERCF, ONE_THREAD, 6, 6, MAIN);
    assertRow(index, 0, new int[] {1, 2, 3}, 2 / Math.sqrt(6), 2.0 / 3, 1 / Math.sqrt(3));
    assertRow(index, 1, new int[] {0, 3, 2}, 2 / Math.sqrt(6), 1 / Math.sqrt(2), 1 / Math.sqrt(6));
    assertRow(index, 2, new int[] {0, 1}, 2.0 / 3, 1 / Math.sqrt(6));
    assertRow(index, 3, new int[] {1, 0}, 1 / Math.sqrt(2), 1 / Math.sqrt(3));
    assertRow(index, 4, new int[] {});
    assertRow(index, 5, new int[] {});
  }

  /**
   * Item weights 1/ln(1+n): i0 and i1 (3 users) 1/ln 4 ≈ 0.7213, i2 (2 users) 1/ln 3 ≈ 0.9102. So
   * u0·u1 = (2/ln 4)/√6 ≈ 0.5890, u0·u2 = (1/ln 4 + 1/ln 3)/3 ≈ 0.5439, u0·u3 = (1/ln 4)/√3 ≈ 0.4165,
   * u1·u2 = (1/ln 4)/√6 ≈ 0.2945, u1·u3 = (1/ln 4)/√2 ≈ 0.5101.
   */
  @Test
  void userCfPopularityPenalised() {
    NeighborIndex index = build(Algorithm.USERCF_POP, ONE_THREAD, 6, 6, MAIN);
    double ln4 = 1 / Math.log(4);
    double ln3 = 1 / Math.log(3);
    assertRow(index, 0, new int[] {1, 2, 3}, 2 * ln4 / Math.sqrt(6), (ln4 + ln3) / 3, ln4 / Math.sqrt(3));
    assertRow(index, 1, new int[] {0, 3, 2}, 2 * ln4 / Math.sqrt(6), ln4 / Math.sqrt(2), ln4 / Math.sqrt(6));
    assertRow(index, 2, new int[] {0, 1}, (ln4 + ln3) / 3, ln4 / Math.sqrt(6));
    assertRow(index, 3, new int[] {1, 0}, ln4 / Math.sqrt(2), ln4 / Math.sqrt(3));
    assertRow(index, 4, new int[] {});
  }

  /**
   * Overlaps: u0·u1 = 2, u0·u2 = 2. i0·i1: W0 ∩ W1 = {u0,u1}, one pair, 1/(1+2) = 1/3. i1·i2: {u0,u2}, 1/3.
   * i0·i2 ({u0}), i1·i3 and i2·i3 ({u2}) have a single common user, so no pair and no score. i1's two
   * neighbours tie at 1/3: the smaller id, i0, comes first.
   */
  @Test
  void swingOnTheMainExample() {
    NeighborIndex index = build(Algorithm.SWING, ONE_THREAD, 6, 6, MAIN);
    assertRow(index, 0, new int[] {1}, 1.0 / 3);
    assertRow(index, 1, new int[] {0, 2}, 1.0 / 3, 1.0 / 3);
    assertRow(index, 2, new int[] {1}, 1.0 / 3);
    assertRow(index, 3, new int[] {});
    assertRow(index, 4, new int[] {});
  }

  /**
   * u0: i0 i1 i2, u1: i0 i1, u2: i0 i1 i2, u3: i1. Overlaps u0·u1 = 2, u0·u2 = 3, u1·u2 = 2.
   * α = 1: i0·i1 over {u0,u1,u2} = 1/3 + 1/4 + 1/3 = 11/12; i0·i2 and i1·i2 over {u0,u2} = 1/4 (a tie in i2's
   * row, broken by id). α = 0.5: i0·i1 = 1/2.5 + 1/3.5 + 1/2.5, i0·i2 = 1/3.5.
   * β = 1 (α = 1): w = 1/(|J|+5) = 1/8, 1/7, 1/8 for u0, u1, u2: i0·i1 = (1/56)/3 + (1/64)/4 + (1/56)/3
   * = 1/84 + 1/256, i0·i2 = (1/64)/4 = 1/256.
   */
  @Test
  void swingWithThreeCommonUsersAlphaAndBeta() {
    double[][] rows = {{0, 0, 1, 1}, {0, 1, 1, 1}, {0, 2, 1, 1}, {1, 0, 1, 1}, {1, 1, 1, 1},
        {2, 0, 1, 1}, {2, 1, 1, 1}, {2, 2, 1, 1}, {3, 1, 1, 1}};
    NeighborIndex plain = build(Algorithm.SWING, ONE_THREAD, 4, 3, rows);
    assertRow(plain, 0, new int[] {1, 2}, 11.0 / 12, 0.25);
    assertRow(plain, 1, new int[] {0, 2}, 11.0 / 12, 0.25);
    assertRow(plain, 2, new int[] {0, 1}, 0.25, 0.25);

    NeighborIndex alpha = build(Algorithm.SWING, ONE_THREAD.withSwingAlpha(0.5), 4, 3, rows);
    assertRow(alpha, 0, new int[] {1, 2}, 1 / 2.5 + 1 / 3.5 + 1 / 2.5, 1 / 3.5);

    NeighborIndex beta = build(Algorithm.SWING, ONE_THREAD.withSwingBeta(1), 4, 3, rows);
    assertRow(beta, 0, new int[] {1, 2}, 1.0 / 84 + 1.0 / 256, 1.0 / 256);
    assertRow(beta, 2, new int[] {0, 1}, 1.0 / 256, 1.0 / 256);
  }

  /**
   * u0 saw i2 @1, i1 @2, i0 @3: i0's neighbours i1 and i2 both score 1/√(1·1) = 1. Although i2 is met first,
   * the tie goes to the smaller id; with k = 1 only i1 stays.
   */
  @Test
  void tiesGoToTheSmallerIdWhateverTheOrderMet() {
    double[][] rows = {{0, 2, 1, 1}, {0, 1, 1, 2}, {0, 0, 1, 3}};
    assertRow(build(Algorithm.ITEMCF, ONE_THREAD, 1, 3, rows), 0, new int[] {1, 2}, 1, 1);
    assertRow(build(Algorithm.ITEMCF, ONE_THREAD.withK(1), 1, 3, rows), 0, new int[] {1}, 1);
  }

  /**
   * maxUserItems = 2 drops u0's oldest item (i0 @1) and u2's (i1 @1): W(i0) = {u1,u3}, W(i1) = {u0,u1},
   * W(i2) = {u0,u2}, W(i3) = {u2}. ItemCF: i0·i1 {u1} = 1/2, i1·i2 {u0} = 1/2 (a tie in i1's row),
   * i2·i3 {u2} = 1/√2; i0·i2 and i1·i3 lose their only common user.
   */
  @Test
  void capsChangeTheData() {
    NeighborIndex index = build(Algorithm.ITEMCF, ONE_THREAD.withMaxUserItems(2), 6, 6, MAIN);
    assertRow(index, 0, new int[] {1}, 0.5);
    assertRow(index, 1, new int[] {0, 2}, 0.5, 0.5);
    assertRow(index, 2, new int[] {3, 1}, 1 / Math.sqrt(2), 0.5);
    assertRow(index, 3, new int[] {2}, 1 / Math.sqrt(2));
  }

  static NeighborIndex build(Algorithm algorithm, SimilarityConfig config, int users, int items, double[][] rows) {
    InteractionMatrix matrix = TestMatrix.of(users, items, rows).toMatrix();
    List<Long> progress = new ArrayList<>();
    NeighborIndex index = algorithm.builder(config).build(matrix, progress::add);
    int expectedRows = algorithm.entity() == Entity.ITEM ? items : users;
    assertThat(index.size()).isEqualTo(expectedRows);
    assertThat(progress).last().isEqualTo((long) expectedRows);
    return index;
  }

  static void assertRow(NeighborIndex index, int row, int[] ids, double... scores) {
    int start = index.offsets()[row];
    int[] actualIds = java.util.Arrays.copyOfRange(index.neighbors(), start, index.offsets()[row + 1]);
    assertThat(actualIds).as("neighbours of " + row).containsExactly(ids);
    for (int p = 0; p < scores.length; p++) {
      assertThat(index.scores()[start + p]).as("score of " + row + "·" + ids[p]).isEqualTo((float) scores[p]);
    }
  }
}
