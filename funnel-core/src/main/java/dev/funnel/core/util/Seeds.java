package dev.funnel.core.util;

/**
 * Derives the seed of one entity's random stream (a user's split, a user's random list) from the run's seed.
 *
 * <p>Why not simply {@code new SplittableRandom(seed * GOLDEN_GAMMA + user)}: SplittableRandom advances its state
 * by that same golden gamma, so the stream of (seed + 1, user) is the stream of (seed, user) shifted by one draw,
 * and two components mixing the run seed the same way draw identical numbers. Here the seed goes through the
 * SplitMix64 finaliser (a bijection with good avalanche) together with a per-purpose salt, then again with the
 * index, so nearby seeds, indices and purposes start far apart. Stateless.
 */
public final class Seeds {
  private Seeds() {}

  /**
   * The seed for entity {@code index} of a component identified by {@code salt}. Each component that draws
   * random numbers from the run seed passes its own salt, so that their streams do not correlate.
   */
  public static long forIndex(long seed, long salt, int index) {
    return mix64(mix64(seed ^ salt) + index);
  }

  /** The SplitMix64 output function (Steele, Lea and Flood, "Fast splittable pseudorandom number generators"). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
