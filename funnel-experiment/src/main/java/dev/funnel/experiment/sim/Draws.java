package dev.funnel.experiment.sim;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.apache.commons.codec.digest.MurmurHash3;

/**
 * The random draws of the simulation, with {@link StrictMath} so that a seed gives the same run on every JVM and
 * platform, and the seed of each user's own stream.
 */
final class Draws {
  private Draws() {}

  /**
   * The seed of {@code user}'s stream under {@code seed}: a hash of the id, so a user is the same person (same
   * propensity, same return rate, same visits) whichever other users are simulated with it.
   */
  static long userSeed(long seed, String user) {
    byte[] id = user.getBytes(StandardCharsets.UTF_8);
    return mix(seed ^ MurmurHash3.hash128x64(id, 0, id.length, 0)[0]);
  }

  /** The SplitMix64 finaliser: nearby inputs give unrelated outputs. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  /** Exp(1). */
  static double exponential(SplittableRandom random) {
    return -StrictMath.log(1 - random.nextDouble());
  }

  /** N(0, 1) by Box–Muller (one of the pair, so every call takes exactly two uniforms). */
  static double gaussian(SplittableRandom random) {
    double radius = StrictMath.sqrt(-2 * StrictMath.log(1 - random.nextDouble()));
    return radius * StrictMath.cos(2 * StrictMath.PI * random.nextDouble());
  }

  /** LogNormal with median {@code median} and log-scale spread {@code sigma}. */
  static double logNormal(SplittableRandom random, double median, double sigma) {
    return median * StrictMath.exp(sigma * gaussian(random));
  }

  /**
   * Gamma(shape, 1) by Marsaglia and Tsang, "A simple method for generating gamma variables" (ACM TOMS 26(3),
   * 2000); a shape below 1 is boosted: Gamma(k) = Gamma(k + 1) × U^(1/k).
   */
  static double gamma(SplittableRandom random, double shape) {
    if (shape < 1) {
      return gamma(random, shape + 1) * StrictMath.pow(1 - random.nextDouble(), 1 / shape);
    }
    double d = shape - 1.0 / 3;
    double c = 1 / StrictMath.sqrt(9 * d);
    while (true) {
      double x = gaussian(random);
      double v = 1 + c * x;
      if (v <= 0) {
        continue;
      }
      v = v * v * v;
      double u = random.nextDouble();
      if (StrictMath.log(u) < 0.5 * x * x + d - d * v + d * StrictMath.log(v)) {
        return d * v;
      }
    }
  }
}
