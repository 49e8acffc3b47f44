package dev.funnel.core.data;

import static dev.funnel.core.data.TestData.matrix;
import static dev.funnel.core.data.TestData.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InteractionMatrixTest {
  /** User 0: item 4 at t5, item 2 at t7, item 1 at t7 (tie → item 1 first); user 1: none; user 2: item 2 at t1. */
  private static InteractionMatrix sample() {
    return InteractionMatrix.of(3, 5,
        new int[] {0, 2, 0, 0},
        new int[] {2, 2, 4, 1},
        new float[] {3, 1, 5, 2},
        new long[] {7, 1, 5, 7});
  }

  @Test
  void rowsAreInTimeOrderWithTiesByItem() {
    InteractionMatrix m = sample();
    assertThat(m.userOffsets()).containsExactly(0, 3, 3, 4);
    assertThat(m.userItems()).containsExactly(4, 1, 2, 2);
    assertThat(m.userValues()).containsExactly(5f, 2f, 3f, 1f);
    assertThat(m.userTimes()).containsExactly(5L, 7L, 7L, 1L);
    assertThat(m.userDegree(0)).isEqualTo(3);
    assertThat(m.userDegree(1)).isZero();
  }

  @Test
  void columnsListUsersAscendingWithTheirValues() {
    InteractionMatrix m = sample();
    assertThat(m.itemOffsets()).containsExactly(0, 0, 1, 3, 3, 4);
    assertThat(m.itemUsers()).containsExactly(0, 0, 2, 0);
    assertThat(m.itemValues()).containsExactly(2f, 3f, 1f, 5f);
    assertThat(m.itemDegree(2)).isEqualTo(2);
    assertThat(m.itemDegree(3)).isZero();
    assertThat(m.nnz()).isEqualTo(4);
    assertThat(m.numUsers()).isEqualTo(3);
    assertThat(m.numItems()).isEqualTo(5);
  }

  @Test
  void selectKeepsChosenPositionsInOrder() {
    InteractionMatrix m = sample();
    InteractionMatrix kept = m.select(p -> p != 1); // drop user 0's (item 1, t7)
    assertThat(kept.userOffsets()).containsExactly(0, 2, 2, 3);
    assertThat(kept.userItems()).containsExactly(4, 2, 2);
    assertThat(kept.userTimes()).containsExactly(5L, 7L, 1L);
    assertThat(kept.itemDegree(1)).isZero();
    assertThat(kept.itemUsers()).containsExactly(0, 2, 0);
    assertThat(kept.numItems()).isEqualTo(5);
    assertThat(m.select(p -> false).nnz()).isZero();
  }

  @Test
  void sizeCountsEveryArray() {
    // offsets (3+1) + (5+1) ints = 40 bytes; per entry: item 4 + value 4 + time 8 + CSC user 4 + value 4 = 24.
    assertThat(sample().sizeInBytes()).isEqualTo(40 + 24 * 4);
  }

  @Test
  void rejectsBadInput() {
    assertThatThrownBy(() -> InteractionMatrix.of(1, 1, new int[] {0}, new int[0], new float[1], new long[1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("array lengths differ");
    assertThatThrownBy(() -> matrix(2, 2, new long[] {2, 0, 0})).hasMessage("user id 2 outside [0, 2)");
    assertThatThrownBy(() -> matrix(2, 2, new long[] {0, -1, 0})).hasMessage("item id -1 outside [0, 2)");
    assertThatThrownBy(() -> matrix(2, 2, new long[] {1, 1, 0}, new long[] {1, 1, 9}))
        .hasMessage("repeated (user, item) pair (1, 1)");
  }

  @Test
  void emptyMatrix() {
    InteractionMatrix m = matrix(0, 0);
    assertThat(m.nnz()).isZero();
    assertThat(m.userOffsets()).containsExactly(0);
    assertThat(row(matrix(2, 3), 1)).isEmpty();
  }
}
