package dev.funnel.rank.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MmrReRankerTest {

  private static final RequestContext CTX = RequestContext.of(0, 1, true);

  @Test
  void nearDuplicateDropsBelowADiverseItem() {
    // A (1.0) and its near-duplicate A' (0.9, sim 0.9), B (0.8, sim 0.1 to both), C (0.2, unlike anything).
    int a = 10, aDup = 11, b = 12, c = 13;
    float[][] sim = new float[14][14];
    set(sim, a, aDup, 0.9f);
    set(sim, a, b, 0.1f);
    set(sim, aDup, b, 0.1f);
    RankedList list = RankedList.of(new int[] {a, aDup, b, c}, new float[] {1.0f, 0.9f, 0.8f, 0.2f}, true);
    // rel = (s − 0.2)/0.8: A 1, A' 0.875, B 0.75, C 0.
    // step 1: A (0.5). step 2: A' 0.4375 − 0.45 = −0.0125, B 0.375 − 0.05 = 0.325, C 0 → B.
    // step 3: A' 0.4375 − 0.45 = −0.0125, C 0 − 0 = 0 → C. A' last.
    new MmrReRanker(0.5, (x, y) -> sim[x][y], 4).apply(list, CTX);
    assertThat(list.items()).containsExactly(a, b, c, aDup);
    assertThat(list.scores()).containsExactly(1.0f, 0.8f, 0.2f, 0.9f);
    assertThat(list.explanationsOf(aDup)).containsExactly("mmr: moved 2 → 4");
    assertThat(list.explanationsOf(b)).containsExactly("mmr: moved 3 → 2");
    assertThat(list.explanationsOf(a)).isEmpty();
  }

  @Test
  void onlyTopNArePickedAndTheRestKeepTheirOrder() {
    int a = 0, aDup = 1, b = 2, c = 3, d = 4;
    float[][] sim = new float[5][5];
    set(sim, a, aDup, 1f);
    RankedList list = RankedList.of(new int[] {a, aDup, b, c, d}, new float[] {5, 4, 3, 2, 1}, false);
    // λ = 0.5, rel = 1, .75, .5, .25, 0: pick A, then B (.25 − 0 beats A' .375 − .5); the rest follow in order.
    new MmrReRanker(0.5, (x, y) -> sim[x][y], 2).apply(list, CTX);
    assertThat(list.items()).containsExactly(a, b, aDup, c, d);
  }

  @Test
  void lambdaOneKeepsABestFirstListUnchanged() {
    Random random = new Random(7);
    for (int trial = 0; trial < 100; trial++) {
      int n = random.nextInt(30);
      float[] scores = new float[n];
      for (int i = 0; i < n; i++) {
        scores[i] = random.nextInt(5); // many ties
      }
      sortDescending(scores);
      int[] items = distinctItems(random, n);
      RankedList list = RankedList.of(items, scores, true);
      new MmrReRanker(1.0, (x, y) -> random.nextFloat(), n).apply(list, CTX);
      assertThat(list.items()).containsExactly(items);
      assertThat(list.explanations()).isEmpty();
    }
  }

  @Test
  void matchesBruteForceOnRandomLists() {
    Random random = new Random(42);
    double[] lambdas = {0, 0.25, 0.5, 0.7, 1};
    for (int trial = 0; trial < 600; trial++) {
      int n = random.nextInt(40);
      int[] items = distinctItems(random, n);
      float[] scores = new float[n];
      boolean coarse = random.nextBoolean(); // coarse values make ties, to test the tie rule
      for (int i = 0; i < n; i++) {
        scores[i] = coarse ? random.nextInt(4) : (float) random.nextGaussian();
      }
      float[][] sim = randomSymmetric(random, 200, coarse);
      Similarity similarity = (x, y) -> sim[x][y];
      double lambda = trial % 6 == 5 ? random.nextDouble() : lambdas[trial % 6 % lambdas.length];
      int topN = random.nextInt(n + 3);

      RankedList list = RankedList.of(items, scores, false);
      new MmrReRanker(lambda, similarity, topN).apply(list, CTX);

      assertThat(list.items())
          .as("trial %d: n=%d λ=%s topN=%d", trial, n, lambda, topN)
          .containsExactly(bruteForce(items, scores, similarity, lambda, topN));
    }
  }

  @Test
  void worksWithJaccardOverAttributes() {
    ItemAttributes attributes =
        ItemAttributes.builder(4)
            .categories(new int[][] {{1}, {1}, {2}, {3}})
            .tags(new int[][] {{7}, {7}, {8}, {9}})
            .build();
    RankedList list = RankedList.of(new int[] {0, 1, 2, 3}, new float[] {4, 3, 2, 1}, false);
    // 0 and 1 share everything (sim 1); with λ = 0.3, 1 falls to the end.
    new MmrReRanker(0.3, Similarity.of(attributes), 4).apply(list, CTX);
    assertThat(list.items()).containsExactly(0, 2, 3, 1);
  }

  @Test
  void rejectsBadParameters() {
    Similarity none = (x, y) -> 0;
    assertThatThrownBy(() -> new MmrReRanker(1.5, none, 10)).hasMessageContaining("lambda").hasMessageContaining("1.5");
    assertThatThrownBy(() -> new MmrReRanker(0.5, none, -1)).hasMessageContaining("topN");
  }

  /** Recomputes the whole objective from scratch at every step. */
  private static int[] bruteForce(int[] items, float[] scores, Similarity sim, double lambda, int topN) {
    int n = items.length;
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    float[] rel = new float[n];
    for (int i = 0; i < n; i++) {
      rel[i] = max > min ? (float) ((scores[i] - (double) min) / ((double) max - min)) : 0f;
    }
    List<Integer> picked = new ArrayList<>();
    List<Integer> rest = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rest.add(i);
    }
    while (picked.size() < Math.min(topN, n)) {
      int best = -1;
      double bestValue = 0;
      for (int i : rest) {
        double penalty = 0;
        if (!picked.isEmpty()) {
          float maxSim = Float.NEGATIVE_INFINITY;
          for (int j : picked) {
            maxSim = Math.max(maxSim, sim.between(items[i], items[j]));
          }
          penalty = (1 - lambda) * maxSim;
        }
        double value = lambda * rel[i] - penalty;
        if (best < 0 || value > bestValue) {
          best = i;
          bestValue = value;
        }
      }
      picked.add(best);
      rest.remove(Integer.valueOf(best));
    }
    picked.addAll(rest);
    return picked.stream().mapToInt(i -> items[i]).toArray();
  }

  private static float[][] randomSymmetric(Random random, int size, boolean coarse) {
    float[][] sim = new float[size][size];
    for (int i = 0; i < size; i++) {
      sim[i][i] = 1;
      for (int j = i + 1; j < size; j++) {
        set(sim, i, j, coarse ? random.nextInt(5) / 4f : random.nextFloat() * 2 - 1);
      }
    }
    return sim;
  }

  private static int[] distinctItems(Random random, int n) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      all.add(i);
    }
    java.util.Collections.shuffle(all, random);
    return all.subList(0, n).stream().mapToInt(Integer::intValue).toArray();
  }

  private static void sortDescending(float[] scores) {
    java.util.Arrays.sort(scores);
    for (int i = 0, j = scores.length - 1; i < j; i++, j--) {
      float t = scores[i];
      scores[i] = scores[j];
      scores[j] = t;
    }
  }

  private static void set(float[][] sim, int a, int b, float value) {
    sim[a][b] = value;
    sim[b][a] = value;
  }
}
