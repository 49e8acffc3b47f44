package dev.funnel.twotower.ann;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/** Independent reference for the tests: cosine in double precision, sort everything, keep k. */
final class BruteForce {
  private BruteForce() {}

  static float[] gaussian(SplittableRandom random, int n, int dim) {
    float[] v = new float[n * dim];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) gaussian(random);
    }
    return v;
  }

  static double gaussian(SplittableRandom random) {
    // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  static double cosine(float[] vectors, int dim, int item, float[] query) {
    double dot = 0;
    double nv = 0;
    double nq = 0;
    for (int j = 0; j < dim; j++) {
      double v = vectors[item * dim + j];
      dot += v * query[j];
      nv += v * v;
      nq += (double) query[j] * query[j];
    }
    return dot / Math.sqrt(nv * nq);
  }

  /** Ids of the k best items the filter accepts, by cosine descending then id ascending. */
  static int[] topK(float[] vectors, int dim, float[] query, int k, ItemFilter filter) {
    int n = vectors.length / dim;
    double[] scores = new double[n];
    for (int i = 0; i < n; i++) {
      scores[i] = cosine(vectors, dim, i, query);
    }
    return IntStream.range(0, n).filter(filter::accepts).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
  }

  /** Share of {@code expected} found in {@code actual}. */
  static double recall(int[] expected, int[] actual) {
    int[] sorted = actual.clone();
    Arrays.sort(sorted);
    long hits = Arrays.stream(expected).filter(id -> Arrays.binarySearch(sorted, id) >= 0).count();
    return (double) hits / expected.length;
  }
}
