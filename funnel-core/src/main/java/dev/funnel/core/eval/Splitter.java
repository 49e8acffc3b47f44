package dev.funnel.core.eval;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.Seeds;
import java.util.BitSet;
import java.util.SplittableRandom;

/**
 * Makes {@link Split}s. Deterministic: the same matrix, protocol and seed give the same split on any machine and
 * with any number of threads. Each runs in O(nnz) time (temporal: O(nnz log nnz)) and memory.
 */
public final class Splitter {
  /** The default train share of {@link Protocol#RANDOM} (Microsoft Recommenders' MovieLens table). */
  public static final double DEFAULT_RANDOM_TRAIN_RATIO = 0.75;
  /** The default share of interactions before the {@link Protocol#TEMPORAL} cut. */
  public static final double DEFAULT_TEMPORAL_TRAIN_RATIO = 0.8;
  /** Keeps the random split's streams apart from other users of the run seed (ASCII "split"). */
  private static final long RANDOM_SPLIT_SALT = 0x73706C6974L;

  private Splitter() {}

  /** The protocol with its default ratio. */
  public static Split split(InteractionMatrix matrix, Protocol protocol, long seed) {
    return switch (protocol) {
      case LOO -> leaveLastOut(matrix);
      case RANDOM -> random(matrix, DEFAULT_RANDOM_TRAIN_RATIO, seed);
      case TEMPORAL -> temporal(matrix, DEFAULT_TEMPORAL_TRAIN_RATIO);
    };
  }

  /**
   * Leave-last-out: each user's last interaction by (timestamp, item id) goes to test; users with fewer than two
   * interactions keep all of theirs in train and have no test item.
   */
  public static Split leaveLastOut(InteractionMatrix matrix) {
    BitSet test = new BitSet(matrix.nnz());
    int[] offsets = matrix.userOffsets();
    for (int u = 0; u < matrix.numUsers(); u++) {
      if (matrix.userDegree(u) >= 2) {
        test.set(offsets[u + 1] - 1); // rows are in (time, item) order
      }
    }
    return of(matrix, test, Protocol.LOO, 0, 0);
  }

  /**
   * Per user, a seeded shuffle of the user's interactions; the first {@code round(trainRatio · n)} (at least one)
   * stay in train, the rest are test: {@code round} rounds half up, so a user with 2 interactions keeps both in
   * train and a user with 6 keeps 5. Each user draws from a generator seeded by (seed, user id), so one user's split
   * does not depend on the others.
   */
  public static Split random(InteractionMatrix matrix, double trainRatio, long seed) {
    if (!(trainRatio > 0 && trainRatio < 1)) {
      throw new IllegalArgumentException("train ratio must be in (0, 1), was " + trainRatio);
    }
    BitSet test = new BitSet(matrix.nnz());
    int[] offsets = matrix.userOffsets();
    int[] order = new int[0];
    for (int u = 0; u < matrix.numUsers(); u++) {
      int n = matrix.userDegree(u);
      if (order.length < n) {
        order = new int[Math.max(n, 2 * order.length)];
      }
      for (int k = 0; k < n; k++) {
        order[k] = k;
      }
      SplittableRandom random = new SplittableRandom(Seeds.forIndex(seed, RANDOM_SPLIT_SALT, u));
      for (int k = n - 1; k > 0; k--) { // Fisher–Yates
        int j = random.nextInt(k + 1);
        int tmp = order[k];
        order[k] = order[j];
        order[j] = tmp;
      }
      int trainCount = Math.max(1, (int) Math.round(trainRatio * n));
      for (int k = trainCount; k < n; k++) {
        test.set(offsets[u] + order[k]);
      }
    }
    return of(matrix, test, Protocol.RANDOM, seed, trainRatio);
  }

  /**
   * One global cut: with t the timestamp at the {@code trainRatio} quantile of all interactions, interactions at
   * or after t are test, the rest train (so equal timestamps never straddle the cut). A user whose interactions
   * all fall at or after the cut has test items but no training history; {@link Split#testUsers()} leaves such
   * users out of the evaluation (they are cold-start users, which this protocol does not measure), while their
   * interactions stay in the test matrix so that train and test still partition the data.
   */
  public static Split temporal(InteractionMatrix matrix, double trainRatio) {
    if (!(trainRatio > 0 && trainRatio < 1)) {
      throw new IllegalArgumentException("train ratio must be in (0, 1), was " + trainRatio);
    }
    long[] times = matrix.userTimes();
    BitSet test = new BitSet(matrix.nnz());
    if (times.length > 0) {
      long[] sorted = times.clone();
      java.util.Arrays.sort(sorted);
      long cut = sorted[(int) Math.min(sorted.length - 1, (long) Math.floor(trainRatio * sorted.length))];
      for (int p = 0; p < times.length; p++) {
        if (times[p] >= cut) {
          test.set(p);
        }
      }
    }
    return of(matrix, test, Protocol.TEMPORAL, 0, trainRatio);
  }

  private static Split of(InteractionMatrix matrix, BitSet test, Protocol protocol, long seed, double ratio) {
    return new Split(matrix.select(p -> !test.get(p)), matrix.select(test::get), protocol, seed, ratio);
  }
}
