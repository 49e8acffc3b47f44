package dev.funnel.twotower.train;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.twotower.model.TwoTowerModel;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The validation sample: the last interaction (in time order) of up to n users who have at least two, held out
 * of training. {@link #measure} ranks each held-out item against every item the user has not interacted with,
 * from the user vector of the interactions before it, as the {@code loo} protocol does. Immutable.
 */
final class HeldOut {
  private static final int K = 10;

  private final InteractionMatrix train;
  private final int[] users;
  private final boolean[] heldOut;

  private HeldOut(InteractionMatrix train, int[] users) {
    this.train = train;
    this.users = users;
    this.heldOut = new boolean[train.nnz()];
    for (int u : users) {
      heldOut[train.userOffsets()[u + 1] - 1] = true;
    }
  }

  /** Draws up to {@code n} users with at least two interactions, seeded. */
  static HeldOut sample(InteractionMatrix train, int n, long seed) {
    int[] candidates = java.util.stream.IntStream.range(0, train.numUsers())
        .filter(u -> train.userDegree(u) >= 2).toArray();
    SplittableRandom random = new SplittableRandom(seed);
    int take = Math.min(n, candidates.length);
    for (int k = 0; k < take; k++) {
      int j = k + random.nextInt(candidates.length - k);
      int swap = candidates[k];
      candidates[k] = candidates[j];
      candidates[j] = swap;
    }
    int[] users = Arrays.copyOf(candidates, take);
    Arrays.sort(users);
    return new HeldOut(train, users);
  }

  int size() {
    return users.length;
  }

  /** Whether the interaction at CSR position {@code p} is held out of training. */
  boolean isHeldOut(int p) {
    return heldOut[p];
  }

  /** HR@10 and NDCG@10 of {@code model} over the held-out interactions ({NaN, NaN} when there are none). */
  double[] measure(TwoTowerModel model) {
    if (users.length == 0) {
      return new double[] {Double.NaN, Double.NaN};
    }
    float[] itemVectors = model.itemVectors();
    int d = model.dim();
    int numItems = model.numItems();
    boolean[] excluded = new boolean[numItems];
    int[] items = train.userItems();
    double hits = 0;
    double ndcg = 0;
    for (int u : users) {
      int start = train.userOffsets()[u];
      int held = train.userOffsets()[u + 1] - 1;
      float[] a = model.userVector(u, items, start, held);
      int target = items[held];
      float targetScore = dot(a, itemVectors, target * d);
      for (int p = start; p < held; p++) {
        excluded[items[p]] = true;
      }
      int rank = Float.isNaN(targetScore) ? K : 0; // a broken model must not look perfect
      for (int i = 0; i < numItems && rank < K; i++) {
        if (i != target && !excluded[i]) {
          float s = dot(a, itemVectors, i * d);
          if (s > targetScore || (s == targetScore && i < target)) {
            rank++;
          }
        }
      }
      for (int p = start; p < held; p++) {
        excluded[items[p]] = false;
      }
      if (rank < K) {
        hits++;
        ndcg += 1 / (Math.log(rank + 2) / Math.log(2));
      }
    }
    return new double[] {hits / users.length, ndcg / users.length};
  }

  private static float dot(float[] a, float[] matrix, int at) {
    float sum = 0;
    for (int k = 0; k < a.length; k++) {
      sum += a[k] * matrix[at + k];
    }
    return sum;
  }
}
