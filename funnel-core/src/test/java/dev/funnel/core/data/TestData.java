package dev.funnel.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Small fixtures shared by the core tests. External ids are the dense ids as text ("0", "1", …, numeric order). */
public final class TestData {
  private TestData() {}

  /** A matrix from {user, item, time} rows, value 1 each. */
  public static InteractionMatrix matrix(int users, int items, long[]... rows) {
    int n = rows.length;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] v = new float[n];
    long[] t = new long[n];
    for (int k = 0; k < n; k++) {
      u[k] = (int) rows[k][0];
      i[k] = (int) rows[k][1];
      t[k] = rows[k][2];
      v[k] = 1;
    }
    return InteractionMatrix.of(users, items, u, i, v, t);
  }

  /**
   * A random matrix: each user interacts with a random number of distinct items (0 to {@code maxDegree}), at
   * times from a small range so that ties occur.
   */
  public static InteractionMatrix randomMatrix(int users, int items, int maxDegree, long seed) {
    Random random = new Random(seed);
    List<long[]> rows = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int degree = random.nextInt(Math.min(maxDegree, items) + 1);
      random.ints(0, items).distinct().limit(degree).forEach(i -> rows.add(new long[] {0, i, 0}));
      for (int k = rows.size() - degree; k < rows.size(); k++) {
        rows.get(k)[0] = u;
        rows.get(k)[2] = random.nextInt(20);
      }
    }
    return matrix(users, items, rows.toArray(new long[0][]));
  }

  /** A dataset over {@code matrix} whose external ids are "0", "1", … (so dense id k is external id "k"). */
  public static Dataset dataset(InteractionMatrix matrix) {
    return new Dataset("test:fixture", "c0ffee", ids(matrix.numUsers()), ids(matrix.numItems()), matrix,
        FeatureTable.empty(matrix.numUsers()), FeatureTable.empty(matrix.numItems()));
  }

  private static IdDictionary ids(int n) {
    return IdDictionary.of(IntStream.range(0, n).mapToObj(Integer::toString).toList());
  }

  /** The items of a user's CSR row, in stored order. */
  public static int[] row(InteractionMatrix m, int user) {
    return java.util.Arrays.copyOfRange(m.userItems(), m.userOffsets()[user], m.userOffsets()[user + 1]);
  }
}
