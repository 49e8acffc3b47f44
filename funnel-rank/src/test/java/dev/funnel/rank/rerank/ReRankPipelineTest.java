package dev.funnel.rank.rerank;

import static org.assertj.core.api.Assertions.assertThat;

import it.unimi.dsi.fastutil.ints.IntList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReRankPipelineTest {

  private static final long DAY = 86_400;
  private static final long NOW = 100 * DAY;

  /** Items 0–7: 0/1 near-duplicates, 2 seen, 3 hidden, 6 brand-new; 7 new and outside the candidates. */
  private static final ItemAttributes ATTRIBUTES =
      ItemAttributes.builder(8)
          .categories(new int[][] {{1}, {1}, {2}, {3}, {4}, {5}, {6}, {7}})
          .tags(new int[][] {{10}, {10}, {11}, {12}, {13}, {14}, {15}, {16}})
          .hidden(new boolean[] {false, false, false, true, false, false, false, false})
          .publishedAt(new long[] {NOW - 30 * DAY, NOW - 30 * DAY, NOW, NOW, NOW - 30 * DAY, NOW - 30 * DAY, NOW, NOW})
          .build();

  private static ReRankPipeline pipeline() {
    return new ReRankPipeline(
        List.of(
            new BusinessRules(ATTRIBUTES, BusinessRules.Config.builder().build()),
            new FreshnessBoost(ATTRIBUTES, 3 * DAY, 0.5),
            new MmrReRanker(0.5, Similarity.of(ATTRIBUTES), 4),
            Exploration.epsilonGreedy(ATTRIBUTES, IntList.of(7), 2, 1)),
        4);
  }

  private static RequestContext ctx(boolean explain) {
    return new RequestContext(NOW, item -> item == 2, 17, explain);
  }

  @Test
  void appliesStagesInOrderThenTruncates() {
    int[] items = {0, 1, 2, 3, 4, 5, 6};
    float[] scores = {1.0f, 0.95f, 0.9f, 0.85f, 0.8f, 0.7f, 0.5f};
    RankedList list = pipeline().apply(items, scores, ctx(true));
    // rules: 2 seen, 3 hidden → [0 1.0, 1 .95, 4 .8, 5 .7, 6 .5]; freshness: 6 ×1.5 = .75 (the 30-day-old items
    // gain ×1.0005) → [0, 1, 4, 6, 5], rel ≈ 1, .833, .333, .166, 0. MMR λ = .5, sim(0, 1) = 1, all others 0:
    // 0; then 4 (.167) beats 1 (.417 − .5); then 6 (.083); then 5 (0) still beats 1 → [0, 4, 6, 5, 1].
    // exploration: 7 at the 3rd place → [0, 4, 7, 6, 5, 1]; truncation to 4.
    assertThat(list.items()).containsExactly(0, 4, 7, 6);
    assertThat(list.explanationsOf(2)).containsExactly("rule: dropped (seen)");
    assertThat(list.explanationsOf(3)).containsExactly("rule: dropped (hidden)");
    assertThat(list.explanationsOf(6)).contains("freshness: ×1.50 (age 0.0 d, half-life 3 d)");
    assertThat(list.explanationsOf(1)).contains("mmr: moved 2 → 5");
    assertThat(list.explanationsOf(7)).containsExactly("explore: inserted at 3 (ε=1.0)");
  }

  @Test
  void explanationsOffGiveTheSameListAndNoExplanations() {
    int[] items = {0, 1, 2, 3, 4, 5, 6};
    float[] scores = {1.0f, 0.95f, 0.9f, 0.85f, 0.8f, 0.7f, 0.5f};
    RankedList explained = pipeline().apply(items, scores, ctx(true));
    RankedList quiet = pipeline().apply(items, scores, ctx(false));
    assertThat(quiet.items()).containsExactly(explained.items());
    assertThat(quiet.scores()).containsExactly(explained.scores());
    assertThat(quiet.explanations()).isEmpty();
    assertThat(explained.explanations()).isNotEmpty();
  }
}
