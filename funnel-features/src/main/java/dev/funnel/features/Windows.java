package dev.funnel.features;

/**
 * The window rule of {@link dev.funnel.core.features.FeatureView}, in one place: a window of {@code buckets}
 * epoch-aligned buckets of {@code granularity} seconds covers, at time t, the events at or before t whose bucket is
 * at least ⌊t/g⌋ − buckets + 1.
 */
final class Windows {
  private Windows() {}

  static long bucket(long time, long granularity) {
    return Math.floorDiv(time, granularity);
  }

  /** The earliest time a window at {@code t} covers. */
  static long start(long t, long granularity, int buckets) {
    return (bucket(t, granularity) - buckets + 1) * granularity;
  }
}
