package dev.funnel.experiment.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Ready-made {@link InMemorySite.Recommender}s for studies: a fixed list, and the truth itself with noise. */
public final class Recommenders {
  private Recommenders() {}

  /** The same list for every user, cut to n: e.g. the items by popularity. */
  public static InMemorySite.Recommender fixed(List<String> ranked) {
    List<String> list = List.copyOf(ranked);
    return (user, n) -> list.subList(0, Math.min(n, list.size()));
  }

  /**
   * The catalogue ranked for each request by relevance + {@code noise} × N(0, 1) (relevance 1 being a random
   * item's): noise 0 is the best list the truth allows, more noise a worse recommender — arms whose quality gap is
   * known. Draws from one stream seeded by {@code seed}, so a run that asks in the same order gets the same lists.
   * O(catalogue × n) per request.
   *
   * @throws IllegalArgumentException when the noise is negative or not finite
   */
  public static InMemorySite.Recommender byRelevance(Relevance relevance, List<String> catalogue, double noise,
      long seed) {
    if (!(noise >= 0) || Double.isInfinite(noise)) {
      throw new IllegalArgumentException("noise must be a finite number ≥ 0, was " + noise);
    }
    String[] items = catalogue.toArray(new String[0]);
    SplittableRandom random = new SplittableRandom(seed);
    return (user, n) -> {
      int k = Math.min(n, items.length);
      if (k == 0) {
        return List.of();
      }
      int[] best = new int[k];
      double[] scores = new double[k];
      int size = 0;
      for (int i = 0; i < items.length; i++) {
        double score = relevance.of(user, items[i]) + (noise == 0 ? 0 : noise * Draws.gaussian(random));
        if (size == k && score <= scores[k - 1]) {
          continue;
        }
        int at = size < k ? size++ : k - 1; // the new entry, then insertion into the sorted top k
        while (at > 0 && scores[at - 1] < score) {
          scores[at] = scores[at - 1];
          best[at] = best[at - 1];
          at--;
        }
        scores[at] = score;
        best[at] = i;
      }
      List<String> out = new ArrayList<>(size);
      for (int r = 0; r < size; r++) {
        out.add(items[best[r]]);
      }
      return out;
    };
  }
}
