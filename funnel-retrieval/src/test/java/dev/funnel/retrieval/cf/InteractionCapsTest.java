package dev.funnel.retrieval.cf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.InteractionMatrix;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** u0: i0 @1, i1 @2, i2 @3; u1: i0 @5, i1 @5; u2: i0 @5. */
class InteractionCapsTest {
  private final InteractionMatrix matrix = TestMatrix.of(3, 3,
      new double[] {0, 0, 1, 1}, new double[] {0, 1, 1, 2}, new double[] {0, 2, 1, 3},
      new double[] {1, 0, 1, 5}, new double[] {1, 1, 1, 5},
      new double[] {2, 0, 1, 5}).toMatrix();

  @Test
  void noCapOrNoHeavyRowLeavesTheMatrixAlone() {
    assertThat(InteractionCaps.apply(matrix, 0, 0)).isSameAs(matrix);
    assertThat(InteractionCaps.apply(matrix, 3, 3)).isSameAs(matrix);
  }

  /** Cap 1: u0 keeps its newest, i2; u1's two items tie at time 5 and the larger id, i1, counts as newer. */
  @Test
  void userCapKeepsTheMostRecentItems() {
    assertThat(rows(InteractionCaps.apply(matrix, 2, 0))).containsExactly(List.of(1, 2), List.of(0, 1), List.of(0));
    assertThat(rows(InteractionCaps.apply(matrix, 1, 0))).containsExactly(List.of(2), List.of(1), List.of(0));
  }

  /**
   * Cap 1: i0's users u1 and u2 tie at time 5, so the larger id, u2, stays; i1 keeps u1 (@5 beats u0 @2); i2
   * has one user. Cap 2: only i0 is over, and drops its oldest user, u0.
   */
  @Test
  void itemCapKeepsTheMostRecentUsers() {
    assertThat(rows(InteractionCaps.apply(matrix, 0, 1))).containsExactly(List.of(2), List.of(1), List.of(0));
    assertThat(rows(InteractionCaps.apply(matrix, 0, 2))).containsExactly(List.of(1, 2), List.of(0, 1), List.of(0));
  }

  /**
   * u0: i0 @1, i1 @2; u1: i1 @3; both caps 1. User cap first: u0 keeps i1, which then goes to the newer u1, so u0
   * ends with nothing. (Item cap first would have left u0 with i0.)
   */
  @Test
  void userCapRunsBeforeItemCap() {
    InteractionMatrix small = TestMatrix.of(2, 2,
        new double[] {0, 0, 1, 1}, new double[] {0, 1, 1, 2}, new double[] {1, 1, 1, 3}).toMatrix();
    assertThat(rows(InteractionCaps.apply(small, 1, 1))).containsExactly(List.of(), List.of(1));
  }

  private static List<List<Integer>> rows(InteractionMatrix m) {
    List<List<Integer>> rows = new ArrayList<>();
    for (int u = 0; u < m.numUsers(); u++) {
      List<Integer> items = new ArrayList<>();
      for (int p = m.userOffsets()[u]; p < m.userOffsets()[u + 1]; p++) {
        items.add(m.userItems()[p]);
      }
      rows.add(items);
    }
    return rows;
  }
}
