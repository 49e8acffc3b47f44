package dev.funnel.rank.train;

import java.util.Arrays;

/**
 * Learning-to-rank examples: one feature row per (request, candidate), a binary label, and the requests as
 * consecutive groups of rows.
 *
 * @param names feature names
 * @param features row-major, {@code names.length} floats per row
 * @param labels 1 for a candidate the user went on to interact with, else 0
 * @param groups the number of rows of each request, in row order
 */
public record TrainingSet(String[] names, float[] features, float[] labels, int[] groups) {
  public TrainingSet {
    if (features.length != (long) labels.length * names.length) {
      throw new IllegalArgumentException(features.length + " feature values for " + labels.length + " rows of "
          + names.length + " features");
    }
    if (Arrays.stream(groups).asLongStream().sum() != labels.length) {
      throw new IllegalArgumentException("the groups do not add up to the " + labels.length + " rows");
    }
  }

  public int rows() {
    return labels.length;
  }

  public int dimension() {
    return names.length;
  }

  public int positives() {
    int count = 0;
    for (float label : labels) {
      count += label > 0 ? 1 : 0;
    }
    return count;
  }

  /** The groups {@code [from, to)} as a training set of their own. */
  public TrainingSet groups(int from, int to) {
    int rowFrom = 0;
    for (int g = 0; g < from; g++) {
      rowFrom += groups[g];
    }
    int rowTo = rowFrom;
    for (int g = from; g < to; g++) {
      rowTo += groups[g];
    }
    int dim = names.length;
    return new TrainingSet(names, Arrays.copyOfRange(features, rowFrom * dim, rowTo * dim),
        Arrays.copyOfRange(labels, rowFrom, rowTo), Arrays.copyOfRange(groups, from, to));
  }
}
