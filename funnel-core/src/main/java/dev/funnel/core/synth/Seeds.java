package dev.funnel.core.synth;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from the configured seed, one per (purpose, index), so each user's data
 * depends only on the seed and the user's number, never on the order or thread in which users are generated.
 */
final class Seeds {
  static final long TOPICS = 1;
  static final long CATALOGUE = 2;
  static final long ITEM_FEATURES = 3;
  static final long CIRCLES = 4;
  static final long ACTIVITY = 5;
  static final long USER = 6;
  static final long FLAT_TIME = 7;
  static final long COLD_ITEMS = 8;

  private Seeds() {}

  /** A generator for stream {@code purpose}, element {@code index}. */
  static SplittableRandom random(long seed, long purpose, long index) {
    return new SplittableRandom(mix(mix(seed + purpose * 0x9E3779B97F4A7C15L) + index));
  }

  /** The SplitMix64 finaliser: a bijection that spreads nearby inputs over all 64 bits. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
