package dev.funnel.features;

import dev.funnel.core.features.Aggregate;
import dev.funnel.core.features.FeatureSpec;
import dev.funnel.core.features.FeatureView;

/**
 * One event-aggregation feature resolved for computing: its types as bit masks and its window in seconds. The
 * online store and the offline join both read their definition from here.
 *
 * @param view the index of its view among its entity's views
 * @param column its column among its entity's features
 * @param aggregate how it folds events
 * @param events the aggregated types
 * @param over a ratio's denominator types (0 otherwise)
 * @param granularity a bucket's seconds; 0 when it has no window
 * @param buckets buckets per window
 * @param ttl the view's TTL in seconds
 */
record CompiledFeature(int view, int column, Aggregate aggregate, long events, long over, long granularity,
    int buckets, long ttl) {
  static CompiledFeature of(int view, int column, FeatureView spec, FeatureSpec feature, TypeBits bits) {
    long granularity = feature.window() == null ? 0 : feature.window().seconds() / spec.buckets();
    return new CompiledFeature(view, column, feature.aggregate(), bits.mask(feature.events()),
        bits.mask(feature.over()), granularity, spec.buckets(), spec.ttl().seconds());
  }

  boolean windowed() {
    return granularity > 0;
  }

  /** Whether an event of type {@code bit} changes this feature. */
  boolean reads(int bit) {
    return ((events | over) >>> bit & 1) != 0;
  }
}
