package dev.funnel.rank.rerank;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * An exploration slot: with probability ε, inserts a "new" item from a pool at a fixed position, so that items
 * without a history get impressions to learn from. The item is chosen uniformly (ε-greedy) or by Thompson
 * sampling: each eligible pool item draws a click rate from Beta(1 + clicks, 1 + impressions − clicks), and the
 * highest draw wins, so items with a better posterior win more often while uncertain ones still get tried.
 *
 * <p>The item is inserted, not swapped in: the item at the slot and those after move one place down, and the
 * pipeline's truncation drops the last one, so no relevant item is lost outright. It takes the score of the item
 * it displaces. Eligible pool items are those not already in the list, not seen by the user, not hidden and not
 * expired; with none eligible nothing changes.
 *
 * <p>Deterministic: all draws come from {@link RequestContext#random} with stage {@value #STAGE}, so the same
 * request seed gives the same list. There is nothing to switch off: exploration happens only where an instance is
 * in the pipeline (keep it out of offline evaluation), and ε = 0 draws nothing. Immutable and thread-safe; the
 * pool is copied. Each exploring request scans the whole pool, which should hold hundreds to a few thousand items.
 */
public final class Exploration implements ReRanker {

  public static final String STAGE = "explore";

  private final ItemAttributes attributes;
  private final int[] pool;
  private final int slot;
  private final double epsilon;
  /** Null for uniform choice. */
  private final ItemFeedback feedback;

  private Exploration(ItemAttributes attributes, IntList pool, int slot, double epsilon, ItemFeedback feedback) {
    if (slot < 0) {
      throw new IllegalArgumentException("exploration slot must not be negative, got " + slot);
    }
    if (!(epsilon >= 0 && epsilon <= 1)) {
      throw new IllegalArgumentException("exploration ε must lie in [0, 1], got " + epsilon);
    }
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.pool = pool.toIntArray();
    this.slot = slot;
    this.epsilon = epsilon;
    this.feedback = feedback;
  }

  /**
   * ε-greedy: with probability ε, a pool item chosen uniformly goes to {@code slot} (0-based).
   */
  public static Exploration epsilonGreedy(ItemAttributes attributes, IntList pool, int slot, double epsilon) {
    return new Exploration(attributes, pool, slot, epsilon, null);
  }

  /**
   * Thompson sampling: with probability ε (1 for a slot that always explores), the pool item with the highest
   * draw from its Beta posterior goes to {@code slot}. {@code clicks[i]} and {@code impressions[i]} are item i's
   * counts; items past the arrays' end count as never shown. The arrays are copied.
   */
  public static Exploration thompson(
      ItemAttributes attributes, IntList pool, int slot, double epsilon, int[] clicks, int[] impressions) {
    return thompson(attributes, pool, slot, epsilon, ItemFeedback.of(clicks, impressions));
  }

  /**
   * Thompson sampling over live counts: each request draws from the posteriors as they are then, so a click
   * counted a moment ago already moves the next draw.
   */
  public static Exploration thompson(ItemAttributes attributes, IntList pool, int slot, double epsilon,
      ItemFeedback feedback) {
    return new Exploration(attributes, pool, slot, epsilon, Objects.requireNonNull(feedback, "feedback"));
  }

  /**
   * The items worth exploring at {@code now}: visible, unexpired items published within the last
   * {@code windowSeconds}, or shown fewer than {@code maxImpressions} times ({@code feedback} may be null to use
   * the publish time alone). Scans the catalogue: build it when the catalogue changes, not per request.
   */
  public static IntArrayList newItems(
      ItemAttributes attributes, long now, long windowSeconds, ItemFeedback feedback, int maxImpressions) {
    IntArrayList out = new IntArrayList();
    for (int item = 0; item < attributes.numItems(); item++) {
      long published = attributes.publishedAt(item);
      boolean recent = published != ItemAttributes.UNKNOWN_TIME && now - published <= windowSeconds;
      boolean rarelyShown = feedback != null && feedback.shown(item) < maxImpressions;
      if ((recent || rarelyShown) && !attributes.isHidden(item) && !attributes.isExpired(item, now)) {
        out.add(item);
      }
    }
    return out;
  }

  @Override
  public void apply(RankedList list, RequestContext ctx) {
    if (epsilon == 0 || pool.length == 0) {
      return;
    }
    SplittableRandom random = ctx.random(STAGE);
    if (random.nextDouble() >= epsilon) {
      return;
    }
    IntOpenHashSet inList = new IntOpenHashSet(list.items());
    int chosen = -1;
    double bestDraw = Double.NEGATIVE_INFINITY;
    int eligible = 0;
    for (int item : pool) {
      if (inList.contains(item)
          || ctx.seen().test(item)
          || attributes.isHidden(item)
          || attributes.isExpired(item, ctx.now())) {
        continue;
      }
      eligible++;
      if (feedback == null) {
        // Reservoir sampling of one: each eligible item ends up chosen with probability 1/eligible.
        if (random.nextInt(eligible) == 0) {
          chosen = item;
        }
      } else {
        int shown = feedback.shown(item);
        int clicked = Math.min(feedback.acted(item), shown);
        double draw = BetaSampler.sample(random, 1 + clicked, 1 + shown - clicked);
        if (draw > bestDraw) {
          bestDraw = draw;
          chosen = item;
        }
      }
    }
    if (chosen < 0) {
      return;
    }
    int at = Math.min(slot, list.size());
    list.insert(at, chosen, list.displacedScore(at));
    if (list.explaining()) {
      String how = feedback == null ? "" : "Thompson draw " + Decimals.format(bestDraw, 3) + ", ";
      list.explain(chosen, STAGE, "inserted at " + (at + 1) + " (" + how + "ε=" + epsilon + ")");
    }
  }

  @Override
  public String toString() {
    return "Exploration(" + (feedback == null ? "ε-greedy" : "Thompson") + ", slot " + slot + ", ε=" + epsilon + ")";
  }
}
