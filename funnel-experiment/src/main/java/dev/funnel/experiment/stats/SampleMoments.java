package dev.funnel.experiment.stats;

/**
 * Count, mean and sample variance (n − 1 denominator) of one metric over the users of one arm: all that the
 * comparisons need, so that an arm of millions of users travels as three numbers.
 */
public record SampleMoments(long n, double mean, double variance) {
  public SampleMoments {
    Check.count(n);
    Check.finite("mean", mean);
    Check.variance("variance", variance);
  }

  /** The moments of {@code values}; at least two. */
  public static SampleMoments of(double[] values) {
    Accumulator accumulator = new Accumulator();
    for (double value : values) {
      accumulator.add(value);
    }
    return accumulator.moments();
  }

  /** The variance of the mean, variance / n: the squared standard error. */
  public double varianceOfMean() {
    return variance / n;
  }

  /**
   * Welford's one-pass update: no array, and no cancellation of Σx² − n·mean² when the values sit far from 0.
   * Not thread-safe.
   */
  public static final class Accumulator {
    private long n;
    private double mean;
    private double squares;

    public Accumulator add(double value) {
      Check.finite("value", value);
      n++;
      double before = value - mean;
      mean += before / n;
      squares += before * (value - mean);
      return this;
    }

    public long n() {
      return n;
    }

    /** The moments so far; throws while fewer than two values were added. */
    public SampleMoments moments() {
      Check.count(n);
      return new SampleMoments(n, mean, squares / (n - 1));
    }
  }
}
