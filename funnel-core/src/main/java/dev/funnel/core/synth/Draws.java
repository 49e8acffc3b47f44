package dev.funnel.core.synth;

import java.util.SplittableRandom;

/**
 * Random draws from the distributions the model uses, written with {@link StrictMath} so that the same seed gives
 * the same bits on every JVM and platform (Math may use intrinsics that differ in the last place).
 */
final class Draws {
  private static final int EXPONENTIAL_QUANTILES = 1024;
  /** Mid-point quantiles of Exp(1): a cheap, coarse exponential for the hot path (seconds between events). */
  private static final double[] EXPONENTIAL_TABLE = new double[EXPONENTIAL_QUANTILES];

  static {
    for (int i = 0; i < EXPONENTIAL_QUANTILES; i++) {
      EXPONENTIAL_TABLE[i] = -StrictMath.log(1 - (i + 0.5) / EXPONENTIAL_QUANTILES);
    }
  }

  private Draws() {}

  /** Exp(1), exact. */
  static double exponential(SplittableRandom random) {
    return -StrictMath.log(1 - random.nextDouble());
  }

  /** Exp(1), from a table of 1024 quantiles: enough for gaps between clicks, and no logarithm. */
  static double quickExponential(SplittableRandom random) {
    return EXPONENTIAL_TABLE[random.nextInt(EXPONENTIAL_QUANTILES)];
  }

  /** N(0, 1) by the Box–Muller transform (one of the pair; the other is dropped to keep draws independent). */
  static double gaussian(SplittableRandom random) {
    double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
    return radius * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
  }

  /** An index in [0, n) that favours small values, P(k) ∝ 1 / (k + 1): a Zipf draw over a short list. */
  static int zipfIndex(SplittableRandom random, int n) {
    // Inverse of the continuous approximation: k + 1 = (n + 1)^u.
    int k = (int) StrictMath.pow(n + 1, random.nextDouble()) - 1;
    return Math.min(k, n - 1);
  }

  /** True with probability {@code p}. */
  static boolean chance(SplittableRandom random, double p) {
    return random.nextDouble() < p;
  }
}
