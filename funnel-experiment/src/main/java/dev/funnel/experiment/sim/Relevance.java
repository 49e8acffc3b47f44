package dev.funnel.experiment.sim;

import dev.funnel.core.synth.GroundTruth;
import java.util.Collection;

/**
 * How much a user likes an item, relative to a random item of the catalogue: 1 is as much as the average item,
 * 0 not at all. The simulator's clicks are proportional to it.
 */
@FunctionalInterface
public interface Relevance {
  /** ≥ 0; 0 for a user or an item the model does not know. */
  double of(String user, String item);

  /**
   * The ground truth's affinity (Σ taste × topic mix, 0 to 1) divided by the user's mean affinity over
   * {@code catalogue}: the mean of affinity alone depends on how much of the catalogue lies in the user's topics (a
   * fan of the largest topic meets it everywhere) and on the number of topics; divided by the catalogue mean, relevance 1 means
   * "as good as a random item" for every user and dataset, so a click scale is a click-through rate. Items and
   * users unknown to the truth get 0 (they are never clicked), and so do users none of whose topics the catalogue
   * has. Not thread-safe: it caches tastes and mixes as it meets them.
   *
   * @param catalogue the items a random recommendation draws from (those unknown to the truth are skipped)
   * @throws IllegalArgumentException when no item of the catalogue is known to the truth
   */
  static Relevance of(GroundTruth truth, Collection<String> catalogue) {
    return new TruthRelevance(truth, catalogue);
  }
}
