package dev.funnel.rank.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.InteractionMatrix;
import org.junit.jupiter.api.Test;

class ItemStatisticsTest {
  private static final long AS_OF = 1_000;
  private static final long WINDOW = 200; // the recent window is [800, …)

  /**
   * 3 users × 4 items (times in brackets):
   * user 0: item 0 [100], item 1 [200]; user 1: item 0 [300], item 2 [800]; user 2: item 0 [50], item 1 [950].
   * Item 3: nobody.
   */
  private static InteractionMatrix matrix() {
    return InteractionMatrix.of(3, 4, new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 0, 2, 0, 1},
        new float[] {1, 1, 1, 1, 1, 1}, new long[] {100, 200, 300, 800, 50, 950});
  }

  @Test
  void countsOverallAndInTheRecentWindowAsLogOnePlus() {
    ItemStatistics statistics = ItemStatistics.of(matrix(), AS_OF, WINDOW);
    // overall: item 0 ×3, item 1 ×2, item 2 ×1, item 3 ×0
    assertThat(statistics.logPopularity(0)).isEqualTo((float) Math.log(4));
    assertThat(statistics.logPopularity(1)).isEqualTo((float) Math.log(3));
    assertThat(statistics.logPopularity(2)).isEqualTo((float) Math.log(2));
    assertThat(statistics.logPopularity(3)).isZero();
    // recent (time ≥ 800): item 1 once (950), item 2 once (800, on the window's edge), item 0 never
    assertThat(statistics.logRecentPopularity(0)).isZero();
    assertThat(statistics.logRecentPopularity(1)).isEqualTo((float) Math.log(2));
    assertThat(statistics.logRecentPopularity(2)).isEqualTo((float) Math.log(2));
    assertThat(statistics.logRecentPopularity(3)).isZero();
  }

  @Test
  void aShorterWindowLeavesTheEdgeOut() {
    ItemStatistics statistics = ItemStatistics.of(matrix(), AS_OF, WINDOW - 1); // [801, …)
    assertThat(statistics.logRecentPopularity(1)).isEqualTo((float) Math.log(2));
    assertThat(statistics.logRecentPopularity(2)).isZero();
  }

  @Test
  void firstSeenIsTheEarliestInteraction() {
    ItemStatistics statistics = ItemStatistics.of(matrix(), AS_OF, WINDOW);
    assertThat(statistics.firstSeen(0)).isEqualTo(50);
    assertThat(statistics.firstSeen(1)).isEqualTo(200);
    assertThat(statistics.firstSeen(2)).isEqualTo(800);
    assertThat(statistics.firstSeen(3)).isEqualTo(ItemStatistics.NEVER_SEEN);
  }

  @Test
  void rejectsAWindowThatIsNotPositive() {
    assertThatThrownBy(() -> ItemStatistics.of(matrix(), AS_OF, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("0 s");
    assertThatThrownBy(() -> ItemStatistics.of(matrix(), AS_OF, -5))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("-5");
  }
}
