package dev.funnel.twotower.ann;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;

/**
 * Which items a search may return, asked lazily during the search (never materialised over the catalogue), so it
 * should answer in O(1). Implementations must be thread-safe if one filter is shared by concurrent searches.
 */
@FunctionalInterface
public interface ItemFilter {
  /** Accepts every item. */
  ItemFilter ALL = item -> true;

  /** Whether the search may return {@code item}. */
  boolean accepts(int item);

  /** Accepts what both filters accept; asks this one first. */
  default ItemFilter and(ItemFilter other) {
    if (this == ALL) {
      return other;
    }
    return other == ALL ? this : item -> accepts(item) && other.accepts(item);
  }

  /** Rejects the given items (e.g. those the user has seen); the ids are copied into a hash set. */
  static ItemFilter excluding(int... items) {
    if (items.length == 0) {
      return ALL;
    }
    IntOpenHashSet excluded = new IntOpenHashSet(items);
    return item -> !excluded.contains(item);
  }
}
