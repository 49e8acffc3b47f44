package dev.funnel.rank.rerank;

import java.util.SplittableRandom;

/**
 * Draws from Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), Gamma by Marsaglia and Tsang (2000), "A
 * simple method for generating gamma variables", which needs shape ≥ 1 (Thompson priors start at 1).
 */
final class BetaSampler {

  private BetaSampler() {}

  static double sample(SplittableRandom random, double a, double b) {
    double x = gamma(random, a);
    double y = gamma(random, b);
    return x / (x + y);
  }

  static double gamma(SplittableRandom random, double shape) {
    if (!(shape >= 1)) {
      throw new IllegalArgumentException("gamma shape must be at least 1, got " + shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / Math.sqrt(9 * d);
    while (true) {
      double z = random.nextGaussian();
      double v = 1 + c * z;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (Math.log(u) < 0.5 * z * z + d - d * v + d * Math.log(v)) {
        return d * v;
      }
    }
  }
}
