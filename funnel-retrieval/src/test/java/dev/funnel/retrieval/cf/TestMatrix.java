package dev.funnel.retrieval.cf;

import dev.funnel.core.data.InteractionMatrix;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small interaction list for tests, convertible to an {@link InteractionMatrix}. */
record TestMatrix(int numUsers, int numItems, List<TestMatrix.Interaction> interactions) {
  record Interaction(int user, int item, float value, long time) {}

  /**
   * Random matrix: each (user, item) present with a random density; values in halves from -1 to 5 (zero and negative values test the weighted form); times from
   * a few values, so that equal timestamps (and cap tie-breaks) are common.
   */
  static TestMatrix random(Random random, int maxUsers, int maxItems) {
    int users = 1 + random.nextInt(maxUsers);
    int items = 1 + random.nextInt(maxItems);
    double density = 0.1 + 0.6 * random.nextDouble();
    List<Interaction> interactions = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (random.nextDouble() < density) {
          interactions.add(new Interaction(u, i, 0.5f * (random.nextInt(13) - 2), random.nextInt(4)));
        }
      }
    }
    return new TestMatrix(users, items, interactions);
  }

  /** Builds from rows of (user, item, value, time). */
  static TestMatrix of(int numUsers, int numItems, double[]... rows) {
    List<Interaction> interactions = new ArrayList<>();
    for (double[] row : rows) {
      interactions.add(new Interaction((int) row[0], (int) row[1], (float) row[2], (long) row[3]));
    }
    return new TestMatrix(numUsers, numItems, interactions);
  }

  InteractionMatrix toMatrix() {
    int n = interactions.size();
    int[] users = new int[n];
    int[] items = new int[n];
    float[] values = new float[n];
    long[] times = new long[n];
    for (int k = 0; k < n; k++) {
      users[k] = interactions.get(k).user();
      items[k] = interactions.get(k).item();
      values[k] = interactions.get(k).value();
      times[k] = interactions.get(k).time();
    }
    return InteractionMatrix.of(numUsers, numItems, users, items, values, times);
  }
}
