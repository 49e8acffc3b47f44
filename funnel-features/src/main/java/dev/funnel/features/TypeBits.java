package dev.funnel.features;

import dev.funnel.core.features.FeatureViews;
import java.util.List;
import java.util.TreeSet;

/**
 * Numbers the event types the views aggregate 0..63, so that a feature's types are one {@code long} mask and
 * an event's type one bit; types no view reads get no bit and cost nothing.
 */
final class TypeBits {
  static final int NONE = -1;

  private final List<String> types;

  TypeBits(FeatureViews views) {
    TreeSet<String> all = new TreeSet<>();
    views.views().forEach(v -> all.addAll(v.eventTypes()));
    if (all.size() > Long.SIZE) {
      throw new IllegalArgumentException("feature views aggregate " + all.size() + " event types; at most 64");
    }
    types = List.copyOf(all);
  }

  /** The bit of {@code type} (lower case), or {@link #NONE} when no view reads it. */
  int bit(String type) {
    return types.indexOf(type);
  }

  /** The mask of {@code types}; 0 for null. */
  long mask(List<String> names) {
    long mask = 0;
    if (names != null) {
      for (String name : names) {
        mask |= 1L << bit(name);
      }
    }
    return mask;
  }
}
