package dev.funnel.retrieval.online;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** The test's own ranking: scores from dense double arrays, sorted by score descending, ties by id ascending. */
final class BruteForceRanking {
  private BruteForceRanking() {}

  /** Ids with a positive-or-touched score that are not seen, best first, at most n. */
  static int[] top(double[] scores, boolean[] touched, boolean[] seen, int n) {
    return IntStream.range(0, scores.length)
        .filter(i -> touched[i] && !seen[i])
        .boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
        .limit(n)
        .mapToInt(Integer::intValue)
        .toArray();
  }

  /** Random neighbour lists with dyadic scores (multiples of 1/8), so float sums are exact and ties are real. */
  static NeighborTable randomNeighbors(java.util.Random random, int ids, int targets, int maxDegree, boolean self) {
    int[] offsets = new int[ids + 1];
    int[][] lists = new int[ids][];
    float[][] scores = new float[ids][];
    for (int x = 0; x < ids; x++) {
      int row = x;
      int[] candidates = IntStream.range(0, targets).filter(t -> self || t != row).toArray();
      shuffle(candidates, random);
      int degree = Math.min(candidates.length, random.nextInt(maxDegree + 1));
      lists[x] = Arrays.copyOf(candidates, degree);
      scores[x] = new float[degree];
      for (int p = 0; p < degree; p++) {
        scores[x][p] = (1 + random.nextInt(8)) / 8f;
      }
      offsets[x + 1] = offsets[x] + degree;
      sortBestFirst(lists[x], scores[x]);
    }
    int[] flatIds = new int[offsets[ids]];
    float[] flatScores = new float[offsets[ids]];
    for (int x = 0; x < ids; x++) {
      System.arraycopy(lists[x], 0, flatIds, offsets[x], lists[x].length);
      System.arraycopy(scores[x], 0, flatScores, offsets[x], scores[x].length);
    }
    return new NeighborTable(java.nio.IntBuffer.wrap(offsets), java.nio.IntBuffer.wrap(flatIds),
        java.nio.FloatBuffer.wrap(flatScores));
  }

  private static void shuffle(int[] a, java.util.Random random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  private static void sortBestFirst(int[] ids, float[] scores) {
    Integer[] order = IntStream.range(0, ids.length).boxed().toArray(Integer[]::new);
    Arrays.sort(order, Comparator.<Integer>comparingDouble(p -> -scores[p]).thenComparingInt(p -> ids[p]));
    int[] i2 = new int[ids.length];
    float[] s2 = new float[ids.length];
    for (int p = 0; p < order.length; p++) {
      i2[p] = ids[order[p]];
      s2[p] = scores[order[p]];
    }
    System.arraycopy(i2, 0, ids, 0, ids.length);
    System.arraycopy(s2, 0, scores, 0, scores.length);
  }
}
