package dev.funnel.rank.rerank;

import java.util.List;

/**
 * Re-rankers applied in order, then truncation to the response length. Immutable and thread-safe when its
 * re-rankers are.
 *
 * <p>Order matters. A sensible order: {@link BusinessRules} filters, boosts, de-duplication and caps first (so
 * later stages spend no effort on items that cannot be shown), then {@link FreshnessBoost}, then
 * {@link MmrReRanker}, then {@link Exploration}, then a second {@link BusinessRules} holding only pins, so that no
 * later stage moves a pinned item.
 */
public final class ReRankPipeline {

  private final List<ReRanker> stages;
  private final int n;

  /**
   * @param stages the re-rankers, applied first to last
   * @param n the length of the final list
   */
  public ReRankPipeline(List<ReRanker> stages, int n) {
    if (n < 0) {
      throw new IllegalArgumentException("negative response length " + n);
    }
    this.stages = List.copyOf(stages);
    this.n = n;
  }

  /** Re-ranks {@code list} in place and returns it. */
  public RankedList apply(RankedList list, RequestContext ctx) {
    for (ReRanker stage : stages) {
      stage.apply(list, ctx);
    }
    list.truncate(n);
    return list;
  }

  /** Re-ranks items with the given scores, best first; explains when the context asks to. */
  public RankedList apply(int[] items, float[] scores, RequestContext ctx) {
    return apply(RankedList.of(items, scores, ctx.explain()), ctx);
  }

  public List<ReRanker> stages() {
    return stages;
  }

  public int length() {
    return n;
  }
}
