package dev.funnel.rank.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FreshnessBoostTest {

  private static final long DAY = 86_400;
  private static final long NOW = 1_700_000_000L;

  @Test
  void multipliesByTheDecayedWeightAndResorts() {
    ItemAttributes attributes =
        ItemAttributes.builder(5)
            .publishedAt(
                new long[] {NOW - 6 * DAY, NOW, ItemAttributes.UNKNOWN_TIME, NOW - 3 * DAY, NOW + 2 * DAY})
            .build();
    RankedList list = RankedList.of(new int[] {0, 1, 2, 3, 4}, new float[] {1.0f, 0.9f, 1.1f, 0.6f, 0.1f}, true);
    // half-life 3 d, weight 1: 6 d old ×1.25, new ×2, unknown ×1, 3 d old ×1.5, future (age 0) ×2.
    new FreshnessBoost(attributes, 3 * DAY, 1.0).apply(list, RequestContext.of(NOW, 0, true));

    assertThat(list.items()).containsExactly(1, 0, 2, 3, 4);
    float[] scores = list.scores();
    assertThat(scores[0]).isCloseTo(1.8f, within(1e-6f));
    assertThat(scores[1]).isCloseTo(1.25f, within(1e-6f));
    assertThat(scores[2]).isEqualTo(1.1f);
    assertThat(scores[3]).isCloseTo(0.9f, within(1e-6f));
    assertThat(scores[4]).isCloseTo(0.2f, within(1e-6f));
    assertThat(list.explanationsOf(3)).containsExactly("freshness: ×1.50 (age 3.0 d, half-life 3 d)");
    assertThat(list.explanationsOf(1)).containsExactly("freshness: ×2.00 (age 0.0 d, half-life 3 d)", "freshness: moved 2 → 1");
    assertThat(list.explanationsOf(2)).isEmpty();
  }

  @Test
  void twoDaysWithAThreeDayHalfLife() {
    ItemAttributes attributes = ItemAttributes.builder(1).publishedAt(new long[] {NOW - 2 * DAY}).build();
    RankedList list = RankedList.of(new int[] {0}, new float[] {1f}, true);
    // 1 + (2/3) · 2^(−2/3) = 1 + 0.6667 · 0.62996 = 1.41997
    new FreshnessBoost(attributes, 3 * DAY, 2.0 / 3).apply(list, RequestContext.of(NOW, 0, true));
    assertThat(list.score(0)).isCloseTo(1.41997f, within(1e-5f));
    assertThat(list.explanationsOf(0)).containsExactly("freshness: ×1.42 (age 2.0 d, half-life 3 d)");
  }

  @Test
  void rejectsBadParameters() {
    ItemAttributes attributes = ItemAttributes.builder(0).build();
    assertThatThrownBy(() -> new FreshnessBoost(attributes, 0, 1)).hasMessageContaining("half-life");
    assertThatThrownBy(() -> new FreshnessBoost(attributes, DAY, -1)).hasMessageContaining("weight");
  }
}
