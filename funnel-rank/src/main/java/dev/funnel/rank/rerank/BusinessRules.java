package dev.funnel.rank.rerank;

import it.unimi.dsi.fastutil.ints.Int2FloatMap;
import it.unimi.dsi.fastutil.ints.Int2FloatMaps;
import it.unimi.dsi.fastutil.ints.Int2FloatOpenHashMap;
import it.unimi.dsi.fastutil.ints.Int2IntMap;
import it.unimi.dsi.fastutil.ints.Int2IntMaps;
import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * The product's rules, applied in this order:
 *
 * <ol>
 *   <li>pinned items are taken out of the list, to be put back in the last step;
 *   <li>boosts multiply the scores of given items, and the list is re-sorted by score (stable) if any applied;
 *   <li>one pass in list order drops items outside the request's category (when it names one), items the user has
 *       seen, hidden items and expired items (each of the last three filters can be switched off), then later items that repeat the de-duplication field's value of an earlier kept item (so
 *       the best item per value stays), then items with a category that already has its cap of kept items (an
 *       item with several categories counts towards each, and is dropped if any is full);
 *   <li>each pin puts its item at its position, in ascending order of position (a position past the end appends):
 *       a candidate keeps its score; a forced pin that was not a candidate is inserted with the score of the item
 *       it displaces. Pins never show an item the filters drop; pinned items are exempt from caps and
 *       de-duplication and use up no cap.
 * </ol>
 *
 * Pins hold positions in the list as this re-ranker leaves it, so a pipeline that reorders afterwards should end
 * with a second instance holding only the pins. Immutable and thread-safe.
 */
public final class BusinessRules implements ReRanker {

  public static final String STAGE = "rule";

  private final ItemAttributes attributes;
  private final Config config;
  /** The de-duplication field's values by item; null when there is no de-duplication. */
  private final int[] dedupeValues;

  public BusinessRules(ItemAttributes attributes, Config config) {
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.config = Objects.requireNonNull(config, "config");
    this.dedupeValues = config.dedupeField() == null ? null : attributes.fieldValues(config.dedupeField());
  }

  public Config config() {
    return config;
  }

  @Override
  public void apply(RankedList list, RequestContext ctx) {
    float[] pinnedScores = takeOutPins(list);
    applyBoosts(list);
    dropIneligible(list, ctx);
    putBackPins(list, ctx, pinnedScores);
  }

  /** Removes the pinned candidates; returns each pin's score, NaN where the pinned item was not a candidate. */
  private float[] takeOutPins(RankedList list) {
    List<Pin> pins = config.pins();
    if (pins.isEmpty()) {
      return null;
    }
    float[] scores = new float[pins.size()];
    for (int k = 0; k < pins.size(); k++) {
      int at = list.indexOf(pins.get(k).item());
      scores[k] = at < 0 ? Float.NaN : list.score(at);
      if (at >= 0) {
        list.remove(at);
      }
    }
    return scores;
  }

  private void applyBoosts(RankedList list) {
    if (config.boosts().isEmpty()) {
      return;
    }
    boolean boosted = false;
    for (int p = 0; p < list.size(); p++) {
      int item = list.item(p);
      if (config.boosts().containsKey(item)) {
        float factor = config.boosts().get(item);
        list.setScore(p, list.score(p) * factor);
        boosted = true;
        if (list.explaining()) {
          list.explain(item, STAGE, "boosted ×" + Decimals.format(factor, 2));
        }
      }
    }
    if (boosted) {
      list.sortByScore(STAGE);
    }
  }

  private void dropIneligible(RankedList list, RequestContext ctx) {
    int n = list.size();
    boolean[] dropped = new boolean[n];
    IntOpenHashSet keptValues = dedupeValues == null ? null : new IntOpenHashSet(n);
    Int2IntOpenHashMap perCategory = config.hasCaps() ? new Int2IntOpenHashMap(n) : null;
    for (int p = 0; p < n; p++) {
      int item = list.item(p);
      String filtered = filterReason(item, ctx);
      if (filtered != null) {
        dropped[p] = true;
        if (list.explaining()) {
          list.explain(item, STAGE, "dropped (" + filtered + ")");
        }
      } else if (keptValues != null && dedupeValues[item] >= 0 && keptValues.contains(dedupeValues[item])) {
        dropped[p] = true;
        if (list.explaining()) {
          list.explain(item, STAGE, "dropped (duplicate " + config.dedupeField() + "=" + dedupeValues[item] + ")");
        }
      } else {
        int fullCategory = perCategory == null ? -1 : fullCategory(item, perCategory);
        if (fullCategory >= 0) {
          dropped[p] = true;
          if (list.explaining()) {
            list.explain(
                item, STAGE, "dropped (category cap " + attributes.category(item, fullCategory) + "="
                    + config.capOf(attributes.category(item, fullCategory)) + ")");
          }
        } else {
          if (keptValues != null && dedupeValues[item] >= 0) {
            keptValues.add(dedupeValues[item]);
          }
          if (perCategory != null) {
            for (int k = 0; k < attributes.categoryCount(item); k++) {
              perCategory.addTo(attributes.category(item, k), 1);
            }
          }
        }
      }
    }
    list.removeMarked(dropped);
  }

  /** Index of the first of the item's categories that already has its cap of items, or -1. */
  private int fullCategory(int item, Int2IntMap perCategory) {
    for (int k = 0; k < attributes.categoryCount(item); k++) {
      int code = attributes.category(item, k);
      if (perCategory.get(code) >= config.capOf(code)) {
        return k;
      }
    }
    return -1;
  }

  /** Why the filters drop {@code item} (a constant string but for the category), or null when they keep it. */
  private String filterReason(int item, RequestContext ctx) {
    if (ctx.category() != null) {
      int code = attributes.categoryCode(ctx.category());
      if (code < 0 || !attributes.inCategory(item, code)) {
        return "not in category " + ctx.category();
      }
    }
    if (config.dropSeen() && ctx.seen().test(item)) {
      return "seen";
    }
    if (config.dropHidden() && attributes.isHidden(item)) {
      return "hidden";
    }
    if (config.dropExpired() && attributes.isExpired(item, ctx.now())) {
      return "expired";
    }
    return null;
  }

  private void putBackPins(RankedList list, RequestContext ctx, float[] pinnedScores) {
    List<Pin> pins = config.pins();
    for (int k = 0; k < pins.size(); k++) {
      Pin pin = pins.get(k);
      boolean candidate = !Float.isNaN(pinnedScores[k]);
      if (!candidate && !pin.force()) {
        continue;
      }
      String filtered = filterReason(pin.item(), ctx);
      if (filtered != null) {
        if (list.explaining()) {
          list.explain(pin.item(), STAGE, "pin ignored (" + filtered + ")");
        }
        continue;
      }
      int at = Math.min(pin.position(), list.size());
      list.insert(at, pin.item(), candidate ? pinnedScores[k] : list.displacedScore(at));
      if (list.explaining()) {
        list.explain(pin.item(), STAGE, "pinned at " + (at + 1) + (candidate ? "" : " (forced in)"));
      }
    }
  }

  @Override
  public String toString() {
    return "BusinessRules" + config;
  }

  /**
   * An item to show at a fixed position.
   *
   * @param item the dense item id
   * @param position 0-based position in the list
   * @param force whether to insert the item even if retrieval did not find it
   */
  public record Pin(int item, int position, boolean force) {
    public Pin {
      if (item < 0 || position < 0) {
        throw new IllegalArgumentException("pin needs a non-negative item and position, got " + item + "@" + position);
      }
    }
  }

  /**
   * What the rules do; see {@link BusinessRules} for the order. Immutable: the maps and list are copied.
   *
   * @param dropSeen drop items the user has seen
   * @param dropHidden drop hidden items
   * @param dropExpired drop items expired at the request time
   * @param boosts score multipliers by item, each finite and positive
   * @param dedupeField the {@link ItemAttributes} field to de-duplicate by, or null for none
   * @param categoryCaps the most items per category code
   * @param defaultCategoryCap the cap of a category not in {@code categoryCaps}; {@link #NO_CAP} for none
   * @param pins pinned items; distinct items at distinct positions
   */
  public record Config(
      boolean dropSeen,
      boolean dropHidden,
      boolean dropExpired,
      Int2FloatMap boosts,
      String dedupeField,
      Int2IntMap categoryCaps,
      int defaultCategoryCap,
      List<Pin> pins) {

    public static final int NO_CAP = Integer.MAX_VALUE;

    public Config {
      for (Int2FloatMap.Entry e : Int2FloatMaps.fastIterable(boosts)) {
        if (!(e.getFloatValue() > 0) || Float.isInfinite(e.getFloatValue())) {
          throw new IllegalArgumentException(
              "boost of item " + e.getIntKey() + " must be finite and positive, got " + e.getFloatValue());
        }
      }
      for (Int2IntMap.Entry e : Int2IntMaps.fastIterable(categoryCaps)) {
        if (e.getIntValue() < 0) {
          throw new IllegalArgumentException("cap of category " + e.getIntKey() + " is negative: " + e.getIntValue());
        }
      }
      if (defaultCategoryCap < 0) {
        throw new IllegalArgumentException("default category cap is negative: " + defaultCategoryCap);
      }
      if (dedupeField != null && dedupeField.isBlank()) {
        throw new IllegalArgumentException("de-duplication field name is blank");
      }
      IntOpenHashSet items = new IntOpenHashSet();
      IntOpenHashSet positions = new IntOpenHashSet();
      for (Pin pin : pins) {
        if (!items.add(pin.item())) {
          throw new IllegalArgumentException("item " + pin.item() + " is pinned twice");
        }
        if (!positions.add(pin.position())) {
          throw new IllegalArgumentException("position " + pin.position() + " has two pins");
        }
      }
      boosts = Int2FloatMaps.unmodifiable(new Int2FloatOpenHashMap(boosts));
      categoryCaps = Int2IntMaps.unmodifiable(new Int2IntOpenHashMap(categoryCaps));
      List<Pin> sorted = new ArrayList<>(pins);
      sorted.sort(Comparator.comparingInt(Pin::position));
      pins = List.copyOf(sorted);
    }

    public static Builder builder() {
      return new Builder();
    }

    /** The cap of category {@code code}. */
    public int capOf(int code) {
      return categoryCaps.getOrDefault(code, defaultCategoryCap);
    }

    boolean hasCaps() {
      return !categoryCaps.isEmpty() || defaultCategoryCap != NO_CAP;
    }

    /** Builds a {@link Config}; by default all three filters are on and nothing else is. */
    public static final class Builder {
      private boolean dropSeen = true;
      private boolean dropHidden = true;
      private boolean dropExpired = true;
      private final Int2FloatMap boosts = new Int2FloatOpenHashMap();
      private String dedupeField;
      private final Int2IntMap categoryCaps = new Int2IntOpenHashMap();
      private int defaultCategoryCap = NO_CAP;
      private final List<Pin> pins = new ArrayList<>();

      private Builder() {}

      public Builder dropSeen(boolean on) {
        dropSeen = on;
        return this;
      }

      public Builder dropHidden(boolean on) {
        dropHidden = on;
        return this;
      }

      public Builder dropExpired(boolean on) {
        dropExpired = on;
        return this;
      }

      public Builder boost(int item, float factor) {
        boosts.put(item, factor);
        return this;
      }

      public Builder dedupeBy(String field) {
        dedupeField = field;
        return this;
      }

      public Builder categoryCap(int category, int cap) {
        categoryCaps.put(category, cap);
        return this;
      }

      public Builder defaultCategoryCap(int cap) {
        defaultCategoryCap = cap;
        return this;
      }

      /** Pins a candidate at a 0-based position; ignored if retrieval did not find it. */
      public Builder pin(int item, int position) {
        pins.add(new Pin(item, position, false));
        return this;
      }

      /** Pins an item at a 0-based position, inserting it if retrieval did not find it. */
      public Builder forcePin(int item, int position) {
        pins.add(new Pin(item, position, true));
        return this;
      }

      public Config build() {
        return new Config(
            dropSeen, dropHidden, dropExpired, boosts, dedupeField, categoryCaps, defaultCategoryCap, pins);
      }
    }
  }
}
