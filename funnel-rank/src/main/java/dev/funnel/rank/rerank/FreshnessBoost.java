package dev.funnel.rank.rerank;

import java.util.Objects;

/**
 * Favours recent items: multiplies each score by {@code 1 + weight · 2^(−age / halfLife)}, age = now − publish
 * time clamped at 0, then re-sorts by score (equal scores keep their order). A brand-new item gets
 * {@code ×(1 + weight)}, one half-life old {@code ×(1 + weight/2)}; items of unknown publish time are left alone.
 * Assumes non-negative scores, as a multiplier would otherwise push a negative score further down.
 */
public final class FreshnessBoost implements ReRanker {

  public static final String STAGE = "freshness";
  private static final double SECONDS_PER_DAY = 86_400;
  private static final double LN2 = Math.log(2);

  private final ItemAttributes attributes;
  private final long halfLifeSeconds;
  private final double weight;

  /**
   * @param attributes where publish times come from
   * @param halfLifeSeconds age at which the boost halves, positive
   * @param weight the boost of a brand-new item, {@code ≥ 0}
   */
  public FreshnessBoost(ItemAttributes attributes, long halfLifeSeconds, double weight) {
    if (halfLifeSeconds <= 0) {
      throw new IllegalArgumentException("freshness half-life must be positive, got " + halfLifeSeconds + " s");
    }
    if (!(weight >= 0) || Double.isInfinite(weight)) {
      throw new IllegalArgumentException("freshness weight must be finite and not negative, got " + weight);
    }
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.halfLifeSeconds = halfLifeSeconds;
    this.weight = weight;
  }

  @Override
  public void apply(RankedList list, RequestContext ctx) {
    for (int p = 0; p < list.size(); p++) {
      int item = list.item(p);
      long published = attributes.publishedAt(item);
      if (published == ItemAttributes.UNKNOWN_TIME) {
        continue;
      }
      long age = Math.max(0, ctx.now() - published);
      double factor = 1 + weight * Math.exp(-age * LN2 / halfLifeSeconds);
      list.setScore(p, (float) (list.score(p) * factor));
      if (list.explaining()) {
        list.explain(
            item,
            STAGE,
            "×" + Decimals.format(factor, 2) + " (age " + Decimals.format(age / SECONDS_PER_DAY, 1)
                + " d, half-life " + Decimals.compact(halfLifeSeconds / SECONDS_PER_DAY, 2) + " d)");
      }
    }
    list.sortByScore(STAGE);
  }

  @Override
  public String toString() {
    return "Freshness(half-life " + halfLifeSeconds + " s, weight " + weight + ")";
  }
}
