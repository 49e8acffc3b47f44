package dev.funnel.core.eval;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;

/**
 * What a ranked list is like apart from hitting the test items. Stateless; all methods are pure functions.
 *
 * <ul>
 *   <li>Intra-list diversity@K: the mean of 1 − Jaccard(categories of a, categories of b) over the pairs of the
 *       first K items; a list with fewer than two items has no pair and counts as 0.</li>
 *   <li>Category coverage@K: categories in anyone's top K / categories that some item has (in the evaluator).</li>
 *   <li>Novelty@K: the mean self-information −log2(share) of the listed items, where share = training users of the
 *       item / training users (users with at least one training interaction). An item nobody had in training
 *       counts as having one user, so it is the most novel item but still finite.</li>
 * </ul>
 */
public final class BeyondAccuracyMetrics {
  private BeyondAccuracyMetrics() {}

  /**
   * Self-information −log2(share) of every item under the popularity of {@code train}; see the class comment.
   * A matrix without training users gives 0 everywhere.
   */
  public static double[] selfInformation(InteractionMatrix train) {
    int users = 0;
    for (int u = 0; u < train.numUsers(); u++) {
      if (train.userDegree(u) > 0) {
        users++;
      }
    }
    double log2Users = log2(Math.max(1, users));
    double[] information = new double[train.numItems()];
    for (int i = 0; i < information.length; i++) {
      information[i] = log2Users - log2(Math.max(1, train.itemDegree(i)));
    }
    return information;
  }

  /**
   * Intra-list diversity of the first {@code length} items of {@code list}: the mean category dissimilarity over
   * their pairs, 0 when {@code length < 2}. Cost O(length² · categories per item).
   */
  public static double intraListDiversity(int[] list, int length, ItemCategories categories) {
    if (length < 2) {
      return 0;
    }
    double dissimilarity = 0;
    for (int a = 1; a < length; a++) {
      for (int b = 0; b < a; b++) {
        dissimilarity += 1 - categories.jaccard(list[a], list[b]);
      }
    }
    return dissimilarity / ((double) length * (length - 1) / 2);
  }

  /**
   * Each item's age in days at {@code asOf} (epoch seconds) by the first time column of the item features (its
   * publish or release time; NaN for an item without one), or null when the items have no time column. The mean
   * over listed slots is the report's item age: lower lists newer items.
   */
  public static double[] itemAgeDays(FeatureTable items, long asOf) {
    FeatureColumn.Time published = items.columns().stream().filter(FeatureColumn.Time.class::isInstance)
        .map(FeatureColumn.Time.class::cast).findFirst().orElse(null);
    if (published == null) {
      return null;
    }
    double[] ages = new double[items.rows()];
    for (int item = 0; item < ages.length; item++) {
      long time = published.values()[item];
      ages[item] = time == Long.MIN_VALUE ? Double.NaN : (asOf - time) / 86_400.0;
    }
    return ages;
  }

  private static double log2(int x) {
    return Math.log(x) / Math.log(2);
  }
}
