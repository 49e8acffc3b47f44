package dev.funnel.experiment.stats;

/** The argument checks shared by the package, so that every class rejects bad input with the same words. */
final class Check {
  private Check() {}

  /** A significance level: the interval has coverage 1 − alpha, so alpha must lie strictly inside (0, 1). */
  static double alpha(double alpha) {
    if (!(alpha > 0 && alpha < 1)) {
      throw new IllegalArgumentException("alpha must be in (0, 1), got " + alpha);
    }
    return alpha;
  }

  /** Enough values for a sample variance, whose denominator is n − 1. */
  static long count(long n) {
    if (n < 2) {
      throw new IllegalArgumentException("moments need n >= 2 values, got " + n);
    }
    return n;
  }

  static double finite(String name, double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite, got " + value);
    }
    return value;
  }

  static double variance(String name, double value) {
    if (!(value >= 0) || value == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
    }
    return value;
  }
}
