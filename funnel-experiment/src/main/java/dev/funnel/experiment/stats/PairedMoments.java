package dev.funnel.experiment.stats;

import java.util.List;
import java.util.Objects;

/**
 * The joint moments of a per-user metric Y and a second per-user value X over one arm: means, sample variances and
 * the sample covariance (n − 1 denominators). X is CUPED's pre-period covariate, or a ratio metric's denominator.
 */
public record PairedMoments(long n, double meanY, double meanX, double varY, double varX, double covYX) {
  public PairedMoments {
    Check.count(n);
    Check.finite("meanY", meanY);
    Check.finite("meanX", meanX);
    Check.variance("varY", varY);
    Check.variance("varX", varX);
    Check.finite("covYX", covYX);
  }

  /** The joint moments of the pairs (y[i], x[i]); at least two. */
  public static PairedMoments of(double[] y, double[] x) {
    if (y.length != x.length) {
      throw new IllegalArgumentException("y and x must have the same length, got " + y.length + " and " + x.length);
    }
    Accumulator accumulator = new Accumulator();
    for (int i = 0; i < y.length; i++) {
      accumulator.add(y[i], x[i]);
    }
    return accumulator.moments();
  }

  /**
   * The moments of all the users of {@code parts} together, as if accumulated in one pass: each part's sums of
   * squares and co-products plus the spread of its means around the union's (Chan, Golub and LeVeque's update).
   */
  public static PairedMoments union(List<PairedMoments> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("the union needs at least one part");
    }
    long n = 0;
    double sumY = 0;
    double sumX = 0;
    for (PairedMoments part : parts) {
      Objects.requireNonNull(part, "part");
      n += part.n;
      sumY += part.n * part.meanY;
      sumX += part.n * part.meanX;
    }
    double meanY = sumY / n;
    double meanX = sumX / n;
    double squaresY = 0;
    double squaresX = 0;
    double products = 0;
    for (PairedMoments part : parts) {
      double dy = part.meanY - meanY;
      double dx = part.meanX - meanX;
      squaresY += (part.n - 1) * part.varY + part.n * dy * dy;
      squaresX += (part.n - 1) * part.varX + part.n * dx * dx;
      products += (part.n - 1) * part.covYX + part.n * dx * dy;
    }
    return new PairedMoments(n, meanY, meanX, squaresY / (n - 1), squaresX / (n - 1), products / (n - 1));
  }

  /** The moments of Y alone. */
  public SampleMoments y() {
    return new SampleMoments(n, meanY, varY);
  }

  /** The moments of X alone. */
  public SampleMoments x() {
    return new SampleMoments(n, meanX, varX);
  }

  /** Welford's one-pass update extended to the co-moment of the pairs. Not thread-safe. */
  public static final class Accumulator {
    private long n;
    private double meanY;
    private double meanX;
    private double squaresY;
    private double squaresX;
    private double products;

    public Accumulator add(double y, double x) {
      Check.finite("y", y);
      Check.finite("x", x);
      n++;
      double dy = y - meanY;
      double dx = x - meanX;
      meanY += dy / n;
      meanX += dx / n;
      squaresY += dy * (y - meanY);
      squaresX += dx * (x - meanX);
      // The old deviation of one times the new deviation of the other: the exact co-moment update.
      products += dx * (y - meanY);
      return this;
    }

    public long n() {
      return n;
    }

    /** The moments so far; throws while fewer than two pairs were added. */
    public PairedMoments moments() {
      Check.count(n);
      return new PairedMoments(n, meanY, meanX, squaresY / (n - 1), squaresX / (n - 1), products / (n - 1));
    }
  }
}
