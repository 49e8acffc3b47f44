package dev.funnel.twotower.train;

import java.util.Locale;

/**
 * Where negatives come from. Sampled negatives are drawn per row from a mixture of three sources with the given
 * weights: {@code uniform} over the catalogue, {@code popularity} in proportion to (training count)^0.75, and
 * {@code exposed} — items shown to the user that they did not interact with (needs an exposure log; a user
 * without exposures draws from the other sources, or uniformly if there are none). {@code in-batch} uses the
 * other rows' positives as extra negatives of each row (listwise only), with the sampling-bias correction.
 *
 * <p>Written as comma-separated {@code source[:weight]}, e.g. {@code in-batch}, {@code popularity},
 * {@code uniform:1,exposed:3} or {@code in-batch,popularity}; a missing weight is 1.
 *
 * @param uniform weight of uniform sampling
 * @param popularity weight of popularity sampling
 * @param exposed weight of exposed-but-not-clicked sampling
 * @param inBatch whether the other rows' positives are negatives too
 */
public record NegativeMix(double uniform, double popularity, double exposed, boolean inBatch) {

  /** Popularity sampling's exponent on the training count (word2vec's and YouTube's choice). */
  public static final double POPULARITY_EXPONENT = 0.75;

  /** @throws IllegalArgumentException for negative or non-finite weights, or no source at all */
  public NegativeMix {
    for (double w : new double[] {uniform, popularity, exposed}) {
      if (!(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException("negative-source weights must be finite and ≥ 0, were uniform "
            + uniform + ", popularity " + popularity + ", exposed " + exposed);
      }
    }
    if (sampledWeight(uniform, popularity, exposed) == 0 && !inBatch) {
      throw new IllegalArgumentException("no negative source: name at least one of uniform, popularity, exposed,"
          + " in-batch");
    }
  }

  private static double sampledWeight(double uniform, double popularity, double exposed) {
    return uniform + popularity + exposed;
  }

  /** Whether any negatives are sampled per row (not only in-batch). */
  public boolean sampled() {
    return sampledWeight(uniform, popularity, exposed) > 0;
  }

  /**
   * Parses the written form.
   *
   * @throws IllegalArgumentException naming the bad part
   */
  public static NegativeMix parse(String text) {
    double uniform = 0;
    double popularity = 0;
    double exposed = 0;
    boolean inBatch = false;
    for (String part : text.split(",")) {
      String[] nameWeight = part.strip().split(":", -1);
      String name = nameWeight[0].strip().toLowerCase(Locale.ROOT);
      double weight = 1;
      if (nameWeight.length > 2) {
        throw new IllegalArgumentException("negatives: '" + part + "' is not source[:weight]");
      }
      if (nameWeight.length == 2) {
        try {
          weight = Double.parseDouble(nameWeight[1].strip());
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("negatives: the weight in '" + part + "' is not a number");
        }
      }
      switch (name) {
        case "uniform" -> uniform += weight;
        case "popularity" -> popularity += weight;
        case "exposed" -> exposed += weight;
        case "in-batch" -> {
          if (nameWeight.length == 2) {
            throw new IllegalArgumentException("negatives: in-batch takes no weight, was '" + part + "'");
          }
          inBatch = true;
        }
        default -> throw new IllegalArgumentException("negatives: unknown source '" + name
            + "'; expected uniform, popularity, exposed or in-batch");
      }
    }
    return new NegativeMix(uniform, popularity, exposed, inBatch);
  }
}
