package dev.funnel.rank.model;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Learning-to-rank examples: one feature row per (request, candidate), a binary label, and the requests as
 * consecutive groups of rows.
 *
 * @param names feature names
 * @param features row-major, {@code names.length} floats per row
 * @param labels 1 for a candidate the user went on to interact with, else 0
 * @param groups the number of rows of each request, in row order
 * @param users the user of each request (-1 when not known)
 */
public record TrainingSet(String[] names, float[] features, float[] labels, int[] groups, int[] users) {
  public TrainingSet {
    if (users.length != groups.length) {
      throw new IllegalArgumentException(users.length + " users for " + groups.length + " groups");
    }
    if (features.length != (long) labels.length * names.length) {
      throw new IllegalArgumentException(features.length + " feature values for " + labels.length + " rows of "
          + names.length + " features");
    }
    if (Arrays.stream(groups).asLongStream().sum() != labels.length) {
      throw new IllegalArgumentException("the groups do not add up to the " + labels.length + " rows");
    }
  }

  /** Requests whose users are not known. */
  public TrainingSet(String[] names, float[] features, float[] labels, int[] groups) {
    this(names, features, labels, groups, filled(groups.length, -1));
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
        Arrays.copyOfRange(labels, rowFrom, rowTo), Arrays.copyOfRange(groups, from, to),
        Arrays.copyOfRange(users, from, to));
  }

  /** The requests of the users for which {@code keep} holds, in their order. */
  public TrainingSet requestsOf(IntPredicate keep) {
    int dim = names.length;
    FloatArrayList keptFeatures = new FloatArrayList();
    FloatArrayList keptLabels = new FloatArrayList();
    IntArrayList keptGroups = new IntArrayList();
    IntArrayList keptUsers = new IntArrayList();
    int row = 0;
    for (int g = 0; g < groups.length; row += groups[g], g++) {
      if (keep.test(users[g])) {
        keptFeatures.addElements(keptFeatures.size(), features, row * dim, groups[g] * dim);
        keptLabels.addElements(keptLabels.size(), labels, row, groups[g]);
        keptGroups.add(groups[g]);
        keptUsers.add(users[g]);
      }
    }
    return new TrainingSet(names, keptFeatures.toFloatArray(), keptLabels.toFloatArray(), keptGroups.toIntArray(),
        keptUsers.toIntArray());
  }

  private static int[] filled(int n, int value) {
    int[] array = new int[n];
    Arrays.fill(array, value);
    return array;
  }
}
