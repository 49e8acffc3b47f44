package dev.funnel.experiment.sim;

import dev.funnel.core.synth.GroundTruth;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** {@link Relevance#of(GroundTruth, Collection)}: dense topic rows, cached per id. */
final class TruthRelevance implements Relevance {
  private static final double[] UNKNOWN = new double[0];

  private final GroundTruth truth;
  private final double[] meanMix;
  private final Map<String, double[]> mixes = new HashMap<>();
  /** A user's taste divided by its mean affinity over the catalogue. */
  private final Map<String, double[]> tastes = new HashMap<>();

  TruthRelevance(GroundTruth truth, Collection<String> catalogue) {
    this.truth = truth;
    meanMix = new double[truth.topicCount()];
    int known = 0;
    for (String item : catalogue) {
      double[] mix = mix(item);
      if (mix != UNKNOWN) {
        known++;
        for (int t = 0; t < mix.length; t++) {
          meanMix[t] += mix[t];
        }
      }
    }
    if (known == 0) {
      throw new IllegalArgumentException("none of the " + catalogue.size() + " catalogue items is in the ground "
          + "truth: is it the truth of another dataset?");
    }
    for (int t = 0; t < meanMix.length; t++) {
      meanMix[t] /= known;
    }
  }

  @Override
  public double of(String user, String item) {
    double[] taste = taste(user);
    double[] mix = mix(item);
    if (taste == UNKNOWN || mix == UNKNOWN) {
      return 0;
    }
    double sum = 0;
    for (int t = 0; t < taste.length; t++) {
      sum += taste[t] * mix[t];
    }
    return sum;
  }

  private double[] mix(String item) {
    return mixes.computeIfAbsent(item, id -> {
      try {
        return truth.itemTopics(id);
      } catch (IllegalArgumentException unknown) {
        return UNKNOWN;
      }
    });
  }

  private double[] taste(String user) {
    return tastes.computeIfAbsent(user, id -> {
      double[] taste;
      try {
        taste = truth.userTaste(id);
      } catch (IllegalArgumentException unknown) {
        return UNKNOWN;
      }
      double baseline = 0;
      for (int t = 0; t < taste.length; t++) {
        baseline += taste[t] * meanMix[t];
      }
      if (baseline == 0) {
        return UNKNOWN; // nothing in the catalogue is to its taste: there is no average to compare with
      }
      for (int t = 0; t < taste.length; t++) {
        taste[t] /= baseline;
      }
      return taste;
    });
  }
}
