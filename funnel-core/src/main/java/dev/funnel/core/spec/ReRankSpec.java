package dev.funnel.core.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One step of the re-rank chain: exactly one of its keys, e.g. {@code - mmr: {lambda: 0.8}}. The chain runs in
 * order; a sensible one filters first ({@code rules}), then {@code freshness}, {@code mmr}, {@code exploration}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReRankSpec(Mmr mmr, Freshness freshness, Rules rules, Exploration exploration) {
  public ReRankSpec {
    long given = Stream.of(mmr, freshness, rules, exploration).filter(s -> s != null).count();
    if (given != 1) {
      throw new IllegalArgumentException("a re-rank step is exactly one of mmr, freshness, rules, exploration; "
          + "found " + given);
    }
  }

  /** The step's name: {@code mmr}, {@code freshness}, {@code rules} or {@code exploration}. */
  public String kind() {
    return mmr != null ? "mmr" : freshness != null ? "freshness" : rules != null ? "rules" : "exploration";
  }

  public static ReRankSpec of(Mmr mmr) {
    return new ReRankSpec(mmr, null, null, null);
  }

  public static ReRankSpec of(Rules rules) {
    return new ReRankSpec(null, null, rules, null);
  }

  /**
   * Maximal marginal relevance over the top of the list.
   *
   * @param lambda relevance's weight against novelty, in [0, 1] (0.8); 1 keeps the order
   * @param similarity how alike two items are: {@code categories} (Jaccard of their categories)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Mmr(Double lambda, String similarity) {
    public Mmr {
      lambda = lambda == null ? 0.8 : lambda;
      if (!(lambda >= 0 && lambda <= 1)) {
        throw new IllegalArgumentException("lambda must lie in [0, 1], was " + lambda);
      }
      similarity = similarity == null ? "categories" : similarity;
      if (!similarity.equals("categories")) {
        throw new IllegalArgumentException("similarity must be 'categories', was '" + similarity + "'");
      }
    }
  }

  /**
   * Favours recent items by their catalogue publish time: score × (1 + weight · 2^(−age / half-life)).
   *
   * @param halfLifeDays age at which the boost halves (7)
   * @param weight the boost of a brand-new item (0.5)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Freshness(Double halfLifeDays, Double weight) {
    public Freshness {
      halfLifeDays = halfLifeDays == null ? 7.0 : halfLifeDays;
      if (!(halfLifeDays > 0) || halfLifeDays > 36_500) {
        throw new IllegalArgumentException("halfLifeDays must be in (0, 36500], was " + halfLifeDays);
      }
      weight = weight == null ? 0.5 : weight;
      if (!(weight >= 0) || weight > 1_000) {
        throw new IllegalArgumentException("weight must be in [0, 1000], was " + weight);
      }
    }
  }

  /**
   * The product's rules (filters, de-duplication, caps, boosts, pins), by external ids and category names.
   *
   * @param seen drop items the user has interacted with (true)
   * @param hidden drop hidden items (true)
   * @param expired drop expired items (true)
   * @param categoryCap the most items of any one category; null: no cap
   * @param categoryCaps caps of named categories, overriding {@code categoryCap}
   * @param dedupeBy an item field to keep only the best item per value of, or null
   * @param boosts score multipliers by item id, each finite and positive
   * @param pins items held at 0-based positions
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Rules(Boolean seen, Boolean hidden, Boolean expired, Integer categoryCap,
      Map<String, Integer> categoryCaps, String dedupeBy, Map<String, Double> boosts, List<Pin> pins) {
    public static final Rules DEFAULT = new Rules(null, null, null, null, null, null, null, null);

    public Rules {
      seen = seen == null || seen;
      hidden = hidden == null || hidden;
      expired = expired == null || expired;
      if (categoryCap != null && categoryCap < 0) {
        throw new IllegalArgumentException("categoryCap must be ≥ 0, was " + categoryCap);
      }
      categoryCaps = categoryCaps == null ? Map.of() : Map.copyOf(categoryCaps);
      categoryCaps.forEach((category, cap) -> {
        if (cap == null || cap < 0) {
          throw new IllegalArgumentException("the cap of category '" + category + "' must be ≥ 0, was " + cap);
        }
      });
      boosts = boosts == null ? Map.of() : Map.copyOf(boosts);
      boosts.forEach((item, factor) -> {
        if (factor == null || !(factor > 0) || Double.isInfinite(factor)) {
          throw new IllegalArgumentException("the boost of item '" + item + "' must be finite and > 0, was " + factor);
        }
      });
      pins = pins == null ? List.of() : List.copyOf(pins);
    }

    /**
     * @param item external item id
     * @param position 0-based position
     * @param force insert the item even when retrieval did not find it
     */
    public record Pin(String item, int position, boolean force) {
      public Pin {
        if (item == null || item.isBlank() || position < 0) {
          throw new IllegalArgumentException("a pin needs an item and a position ≥ 0");
        }
      }
    }
  }

  /**
   * An exploration slot for items with little feedback (off in offline evaluation unless {@code offline: true}).
   *
   * @param policy {@code thompson} (Beta posteriors of clicks per impression, learned from the live impression log)
   *     or {@code epsilon-greedy} (uniform)
   * @param slot the 0-based position an explored item takes (4)
   * @param epsilon the share of requests that explore (0.1)
   * @param poolDays items published within this many days are explored (7)
   * @param maxImpressions items shown fewer times than this are explored too (50)
   * @param enabled the switch (true)
   * @param offline whether offline evaluation explores too (false: evaluation measures the exploiting list)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Exploration(String policy, Integer slot, Double epsilon, Integer poolDays, Integer maxImpressions,
      Boolean enabled, Boolean offline) {
    public Exploration {
      policy = policy == null ? "thompson" : policy;
      if (!policy.equals("thompson") && !policy.equals("epsilon-greedy")) {
        throw new IllegalArgumentException("policy must be 'thompson' or 'epsilon-greedy', was '" + policy + "'");
      }
      slot = slot == null ? 4 : slot;
      if (slot < 0 || slot > 10_000) {
        throw new IllegalArgumentException("slot must be in [0, 10000], was " + slot);
      }
      epsilon = epsilon == null ? 0.1 : epsilon;
      if (!(epsilon >= 0 && epsilon <= 1)) {
        throw new IllegalArgumentException("epsilon must lie in [0, 1], was " + epsilon);
      }
      poolDays = poolDays == null ? 7 : poolDays;
      maxImpressions = maxImpressions == null ? 50 : maxImpressions;
      if (poolDays < 0 || maxImpressions < 0) {
        throw new IllegalArgumentException("poolDays and maxImpressions must be ≥ 0");
      }
      enabled = enabled == null || enabled;
      offline = offline != null && offline;
    }
  }
}
