package dev.funnel.experiment.stats;

import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm–Bonferroni adjustment of the p-values of several metrics (or arms) of one experiment: it controls the
 * family-wise error rate like Bonferroni, under any dependence between the tests, and is never less powerful.
 */
public final class Holm {
  private Holm() {}

  /**
   * The adjusted p-values, in the order of the input: sorted ascending p_(1) ≤ … ≤ p_(m), the i-th gets
   * max over j ≤ i of min(1, (m − j + 1)·p_(j)) — the step-down multiplier, made monotone so that a smaller p
   * never gets a larger adjusted value. Compare them with alpha directly.
   */
  public static double[] adjust(double[] pValues) {
    for (double p : pValues) {
      if (!(p >= 0 && p <= 1)) {
        throw new IllegalArgumentException("p-values must be in [0, 1], got " + p);
      }
    }
    int m = pValues.length;
    int[] order = IntStream.range(0, m).boxed()
        .sorted(Comparator.comparingDouble(i -> pValues[i]))
        .mapToInt(Integer::intValue).toArray();
    double[] adjusted = new double[m];
    double running = 0;
    for (int rank = 0; rank < m; rank++) {
      running = Math.max(running, Math.min(1, (m - rank) * pValues[order[rank]]));
      adjusted[order[rank]] = running;
    }
    return adjusted;
  }
}
