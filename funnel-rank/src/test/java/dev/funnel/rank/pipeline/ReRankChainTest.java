package dev.funnel.rank.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.rank.rerank.BusinessRules;
import dev.funnel.rank.rerank.Exploration;
import dev.funnel.rank.rerank.FreshnessBoost;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.ItemFeedback;
import dev.funnel.rank.rerank.MmrReRanker;
import dev.funnel.rank.rerank.RankedList;
import dev.funnel.rank.rerank.ReRankPipeline;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.rerank.RequestContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A spec's re-rank chain, built over hand-made items and run on a hand-made list. */
class ReRankChainTest {
  private static final long NOW = 1_000_000;
  private static final long DAY = 86_400;
  /** Items 0..5: categories a (0, 1, 2), b (3, 4), none (5); item 4 published just now, item 5 hidden. */
  private static final ItemAttributes ITEMS = ItemAttributes.builder(6)
      .categories(new int[][] {{0}, {0}, {0}, {1}, {1}, {}}).categoryNames(new String[] {"a", "b"})
      .publishedAt(new long[] {NOW - 100 * DAY, NOW - 100 * DAY, NOW - 100 * DAY, NOW - 100 * DAY, NOW, NOW})
      .hidden(new boolean[] {false, false, false, false, false, true}).build();

  private static List<ReRanker> chain(String rerank, boolean offline) {
    return ReRankChain.build(PipelineSpecs.parse("channels: [itemcf]\nrerank:\n" + rerank, "test"),
        new ReRankChain.Inputs(ITEMS, id -> id.startsWith("i") ? Integer.parseInt(id.substring(1)) : -1,
            ItemFeedback.NONE, NOW, offline));
  }

  private static int[] run(List<ReRanker> chain, String category) {
    RankedList list = RankedList.of(new int[] {0, 1, 2, 3, 4, 5}, new float[] {6, 5, 4, 3, 2, 1}, true);
    return new ReRankPipeline(chain, 10).apply(list, new RequestContext(NOW, item -> item == 1, 7, true, category))
        .items();
  }

  @Test
  void stepsAreBuiltInOrderWithTheirSettings() {
    List<ReRanker> chain = chain("  - rules: {}\n  - freshness: {halfLifeDays: 1, weight: 3}\n"
        + "  - mmr: {lambda: 0.5}\n  - exploration: {policy: epsilon-greedy, epsilon: 1}\n", false);
    assertThat(chain).hasSize(4);
    assertThat(chain.get(0)).isInstanceOf(BusinessRules.class);
    assertThat(chain.get(1)).isInstanceOf(FreshnessBoost.class);
    assertThat(chain.get(2)).isInstanceOf(MmrReRanker.class);
    assertThat(chain.get(3)).isInstanceOf(Exploration.class);
    assertThat(chain("  - exploration: {}\n", true)).as("exploration is off offline by default").isEmpty();
    assertThat(chain("  - exploration: {offline: true}\n", true)).hasSize(1);
    assertThat(chain("  - exploration: {enabled: false}\n", false)).isEmpty();
  }

  /** Seen item 1 and hidden item 5 go; the cap keeps one item of a; 3 is boosted ×3 (to 9) and 4 pinned first. */
  @Test
  void rulesNameItemsByIdAndCategoriesByName() {
    int[] items = run(chain("  - rules: {categoryCaps: {a: 1}, boosts: {i3: 3}, pins: [{item: i4, position: 0}]}\n",
        false), null);
    assertThat(items).containsExactly(4, 3, 0);
    assertThat(run(chain("  - rules: {}\n", false), "b")).containsExactly(3, 4);
    assertThat(run(chain("  - rules: {}\n", false), "nothing-has-it")).isEmpty();
    assertThat(run(chain("  - rules: {seen: false, hidden: false}\n", false), null)).containsExactly(0, 1, 2, 3, 4, 5);
  }

  /** Item 4, published now, gets ×(1 + 3) = 8 and goes first; 5 (also new, 1 × 4 = 4) passes 2 (4, kept first). */
  @Test
  void freshnessReadsThePublishTimes() {
    int[] items = run(chain("  - freshness: {halfLifeDays: 1, weight: 3}\n", false), null);
    assertThat(items).containsExactly(4, 0, 1, 2, 5, 3);
  }
}
