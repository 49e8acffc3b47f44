package dev.funnel.core.synth;

import java.util.SplittableRandom;

/**
 * Samples index {@code i} with probability {@code weights[i] / Σ weights} in O(1) time: Vose's alias method
 * (M. D. Vose, "A linear algorithm for generating random numbers with a given distribution", IEEE TSE 1991).
 * Each slot holds a threshold and an alias; one uniform draw picks the slot and decides between its own index
 * and the alias. Immutable, so it can be shared between threads, each with its own random generator.
 */
final class AliasTable {
  private final double[] threshold;
  private final int[] alias;

  AliasTable(double[] weights) {
    int n = weights.length;
    if (n == 0) {
      throw new IllegalArgumentException("an alias table needs at least one weight");
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      double w = weights[i];
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("weight " + i + " must be finite and ≥ 0, was " + w);
      }
      total += w;
    }
    if (!(total > 0)) {
      throw new IllegalArgumentException("weights must not all be zero");
    }
    threshold = new double[n];
    alias = new int[n];
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int smallCount = 0;
    int largeCount = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / total;
      if (scaled[i] < 1) {
        small[smallCount++] = i;
      } else {
        large[largeCount++] = i;
      }
    }
    while (smallCount > 0 && largeCount > 0) {
      int s = small[--smallCount];
      int l = large[--largeCount];
      threshold[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[smallCount++] = l;
      } else {
        large[largeCount++] = l;
      }
    }
    // What is left is 1 up to rounding error: such a slot always keeps its own index.
    while (largeCount > 0) {
      int l = large[--largeCount];
      threshold[l] = 1;
      alias[l] = l;
    }
    while (smallCount > 0) {
      int s = small[--smallCount];
      threshold[s] = 1;
      alias[s] = s;
    }
  }

  /** One 64-bit draw: the high half picks the slot (multiply-shift), the low half decides slot or alias. */
  int sample(SplittableRandom random) {
    long bits = random.nextLong();
    int slot = (int) (((bits >>> 32) * alias.length) >>> 32);
    double u = (bits & 0xFFFFFFFFL) * 0x1p-32;
    return u < threshold[slot] ? slot : alias[slot];
  }
}
