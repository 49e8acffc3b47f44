package dev.funnel.experiment.stats;

import org.apache.commons.math3.distribution.NormalDistribution;

/** The standard normal's two-sided critical value and p-value, for the z tests and the lift intervals. */
final class Normal {
  /** No random generator: this instance only evaluates the cdf and its inverse, and one is costly to seed. */
  private static final NormalDistribution STANDARD = new NormalDistribution(null, 0, 1);

  private Normal() {}

  /** z with P(|Z| > z) = alpha. */
  static double critical(double alpha) {
    return STANDARD.inverseCumulativeProbability(1 - alpha / 2);
  }

  /** P(|Z| >= |z|), computed from the lower tail so that small p-values keep their precision. */
  static double twoSidedP(double z) {
    return 2 * STANDARD.cumulativeProbability(-Math.abs(z));
  }
}
