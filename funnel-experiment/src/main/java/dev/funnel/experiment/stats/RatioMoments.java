package dev.funnel.experiment.stats;

/**
 * The moments of a ratio metric whose unit is the user, e.g. CTR = Σ clicks / Σ impressions: per-user numerator N
 * and denominator D, their means, sample variances and covariance. The users are independent, the impressions of
 * one user are not, so the ratio's variance must come from the per-user sums (the delta method), never from a
 * binomial over impressions.
 */
public record RatioMoments(
    long n, double meanNumerator, double meanDenominator, double varNumerator, double varDenominator,
    double covariance) {
  public RatioMoments {
    Check.count(n);
    Check.finite("meanNumerator", meanNumerator);
    Check.finite("meanDenominator", meanDenominator);
    if (meanDenominator == 0) {
      throw new IllegalArgumentException("meanDenominator must be non-zero: the ratio is undefined");
    }
    Check.variance("varNumerator", varNumerator);
    Check.variance("varDenominator", varDenominator);
    Check.finite("covariance", covariance);
  }

  /** The moments of the per-user pairs (numerator[i], denominator[i]); at least two. */
  public static RatioMoments of(double[] numerator, double[] denominator) {
    return from(PairedMoments.of(numerator, denominator));
  }

  /** The ratio of the means, which is the ratio of the totals. */
  public double ratio() {
    return meanNumerator / meanDenominator;
  }

  /**
   * The variance of {@link #ratio()} by the delta method (first-order Taylor expansion of μN/μD):
   * (1/n)·(σN²/μD² − 2·μN·σND/μD³ + μN²·σD²/μD⁴). Good when n is large and the denominator's mean is well away from
   * 0 relative to its standard error.
   */
  public double variance() {
    double d = meanDenominator;
    double sum = varNumerator / (d * d)
        - 2 * meanNumerator * covariance / (d * d * d)
        + meanNumerator * meanNumerator * varDenominator / (d * d * d * d);
    // The expansion is a variance of a linear combination, hence >= 0 up to rounding.
    return Math.max(0, sum) / n;
  }

  private static RatioMoments from(PairedMoments joint) {
    return new RatioMoments(joint.n(), joint.meanY(), joint.meanX(), joint.varY(), joint.varX(), joint.covYX());
  }

  /** Streams the per-user (numerator, denominator) pairs. Not thread-safe. */
  public static final class Accumulator {
    private final PairedMoments.Accumulator joint = new PairedMoments.Accumulator();

    public Accumulator add(double numerator, double denominator) {
      joint.add(numerator, denominator);
      return this;
    }

    public long n() {
      return joint.n();
    }

    /** The moments so far; throws while fewer than two users were added or the denominators' mean is 0. */
    public RatioMoments moments() {
      return from(joint.moments());
    }
  }
}
