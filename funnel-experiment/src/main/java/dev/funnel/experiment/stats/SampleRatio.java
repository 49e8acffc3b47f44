package dev.funnel.experiment.stats;

import org.apache.commons.math3.stat.inference.ChiSquareTest;

/**
 * The sample-ratio-mismatch (SRM) check: whether the users counted in each arm fit the configured traffic split.
 * A mismatch means assignment or logging loses users of one arm, which biases every metric of the experiment, so
 * its results should not be read at all. The threshold is strict (0.001) because the check runs on every
 * experiment, again and again, and a false alarm throws an experiment away.
 */
public final class SampleRatio {
  /** The p-value below which the split is called a mismatch. */
  public static final double THRESHOLD = 0.001;

  private SampleRatio() {}

  /** Pearson's χ² goodness of fit with arms − 1 degrees of freedom; mismatch when {@code pValue < THRESHOLD}. */
  public record Result(double chiSquare, double pValue, boolean mismatch) {}

  /**
   * χ² of the {@code observed} users per arm against the expected counts total · weight / Σ weights.
   *
   * @param observed the users counted in each arm, each >= 0, at least one user in all
   * @param weights the configured traffic weights of the arms, each > 0, in any unit (percent, fractions, buckets)
   */
  public static Result test(long[] observed, double[] weights) {
    if (observed.length != weights.length) {
      throw new IllegalArgumentException(
          "observed and weights must have the same length, got " + observed.length + " and " + weights.length);
    }
    if (observed.length < 2) {
      throw new IllegalArgumentException("the split needs at least 2 arms, got " + observed.length);
    }
    long total = 0;
    double weightSum = 0;
    for (int arm = 0; arm < observed.length; arm++) {
      if (observed[arm] < 0) {
        throw new IllegalArgumentException("observed counts must be >= 0, got " + observed[arm] + " in arm " + arm);
      }
      if (!(weights[arm] > 0) || weights[arm] == Double.POSITIVE_INFINITY) {
        throw new IllegalArgumentException("weights must be finite and > 0, got " + weights[arm] + " in arm " + arm);
      }
      total += observed[arm];
      weightSum += weights[arm];
    }
    if (total == 0) {
      throw new IllegalArgumentException("the arms have no users at all");
    }
    double[] expected = new double[weights.length];
    for (int arm = 0; arm < expected.length; arm++) {
      expected[arm] = total * (weights[arm] / weightSum);
    }
    ChiSquareTest test = new ChiSquareTest();
    double pValue = test.chiSquareTest(expected, observed);
    return new Result(test.chiSquare(expected, observed), pValue, pValue < THRESHOLD);
  }
}
