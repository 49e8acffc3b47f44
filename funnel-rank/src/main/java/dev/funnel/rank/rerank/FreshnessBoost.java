package dev.funnel.rank.rerank;

import java.util.Locale;
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
      double factor = 1 + weight * Math.pow(2, -(double) age / halfLifeSeconds);
      list.setScore(p, (float) (list.score(p) * factor));
      if (list.explaining()) {
        list.explain(
            item,
            STAGE,
            String.format(
                Locale.ROOT,
                "×%.2f (age %.1f d, half-life %s d)",
                factor,
                age / SECONDS_PER_DAY,
                compact(halfLifeSeconds / SECONDS_PER_DAY)));
      }
    }
    list.sortByScore(STAGE);
  }

  /** {@code 3} rather than {@code 3.0}, but {@code 0.5} stays. */
  private static String compact(double days) {
    return days == Math.rint(days) ? Long.toString((long) days) : String.format(Locale.ROOT, "%.2f", days);
  }

  @Override
  public String toString() {
    return "Freshness(half-life " + halfLifeSeconds + " s, weight " + weight + ")";
  }
}
