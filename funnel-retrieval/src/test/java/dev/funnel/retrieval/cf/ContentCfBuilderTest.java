package dev.funnel.retrieval.cf;

import static dev.funnel.retrieval.cf.NeighborAssert.assertMatches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.LikeMode;
import dev.funnel.retrieval.online.UserHistory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** ContentCF against a brute-force TF-IDF cosine over string tokens, and serving an item without events. */
class ContentCfBuilderTest {
  private static final InteractionMatrix NO_EVENTS = InteractionMatrix.of(1, 4, new int[0], new int[0],
      new float[0], new long[0]);

  @Test
  void handWorkedExample() {
    // genres: A {x, y}, B {x}, C {z}, D none. N = 3 items with tokens; idf x = ln(3/2) = 0.405465,
    // idf y = idf z = ln 3 = 1.098612; A = (0.405465, 1.098612) / 1.171047, B = (1) on x:
    // sim(A, B) = 0.4054651 / 1.1710469 = 0.3462416; C and D share nothing with anyone.
    FeatureTable features = FeatureTable.of(4, List.of(new FeatureColumn.MultiValued("genres",
        new String[] {"x", "y", "z"}, new int[] {0, 2, 3, 4, 4}, new int[] {0, 1, 0, 2})));
    NeighborIndex index = Algorithm.CONTENTCF.builder(SimilarityConfig.defaults())
        .build(NO_EVENTS, features, rows -> {});
    assertThat(index.degree(0)).isEqualTo(1);
    assertThat(index.neighbors()[index.offsets()[0]]).isEqualTo(1);
    assertThat((double) index.scores()[index.offsets()[0]]).isCloseTo(0.3462416, within(1e-6));
    assertThat(index.degree(1)).isEqualTo(1);
    assertThat(index.degree(2)).isZero();
    assertThat(index.degree(3)).isZero();
  }

  @Test
  void matchesBruteForceTfIdfCosine() {
    Random random = new Random(17);
    for (int trial = 0; trial < 200; trial++) {
      int items = 2 + random.nextInt(14);
      List<FeatureColumn> columns = new ArrayList<>();
      List<List<Set<String>>> tokens = new ArrayList<>(); // per column, per item: "column=value"
      for (int c = 0; c < 1 + random.nextInt(3); c++) {
        columns.add(random.nextBoolean() ? categorical("c" + c, items, random, tokens)
            : multiValued("m" + c, items, random, tokens));
      }
      SimilarityConfig config = SimilarityConfig.defaults().withK(1 + random.nextInt(6))
          .withThreads(1 + random.nextInt(3));
      InteractionMatrix none = InteractionMatrix.of(1, items, new int[0], new int[0], new float[0], new long[0]);
      NeighborIndex index = Algorithm.CONTENTCF.builder(config)
          .build(none, FeatureTable.of(items, columns), rows -> {});
      assertMatches(index, bruteForce(items, tokens), config.k(), "trial " + trial + " k " + config.k());
    }
  }

  @Test
  void servesAnItemNobodyInteractedWith() {
    // u0 interacted with A only; B (no events) shares A's tag, C does not.
    InteractionMatrix events = InteractionMatrix.of(1, 3, new int[] {0}, new int[] {0}, new float[] {1},
        new long[] {5});
    FeatureTable features = FeatureTable.of(3, List.of(new FeatureColumn.Categorical("tag",
        new String[] {"jazz", "rock"}, new int[] {0, 0, 1})));
    CfTables tables = CfTables.build(events, features, List.of(Algorithm.CONTENTCF), SimilarityConfig.defaults());
    int[] found = tables.channel(Algorithm.CONTENTCF, 200, 10, LikeMode.BINARY)
        .retrieve(UserHistory.of(tables.history(), 0), 10).items();
    assertThat(found).containsExactly(1);
  }

  /** The cosine of TF-IDF vectors, tf binary, idf ln(N / df), N = items with a token: written from the definition. */
  private static double[][] bruteForce(int items, List<List<Set<String>>> tokens) {
    List<Set<String>> sets = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      Set<String> all = new HashSet<>();
      for (List<Set<String>> column : tokens) {
        all.addAll(column.get(i));
      }
      sets.add(all);
    }
    long n = sets.stream().filter(s -> !s.isEmpty()).count();
    Map<String, Integer> df = new HashMap<>();
    sets.forEach(s -> s.forEach(t -> df.merge(t, 1, Integer::sum)));
    double[][] sims = new double[items][items];
    for (int i = 0; i < items; i++) {
      for (int j = 0; j < items; j++) {
        double dot = 0;
        double ni = 0;
        double nj = 0;
        for (String t : sets.get(i)) {
          double idf = Math.log((double) n / df.get(t));
          ni += idf * idf;
          dot += sets.get(j).contains(t) ? idf * idf : 0;
        }
        for (String t : sets.get(j)) {
          double idf = Math.log((double) n / df.get(t));
          nj += idf * idf;
        }
        sims[i][j] = ni == 0 || nj == 0 ? 0 : dot / Math.sqrt(ni * nj);
      }
    }
    return sims;
  }

  private static FeatureColumn categorical(String name, int items, Random random, List<List<Set<String>>> tokens) {
    String[] vocabulary = vocabulary(1 + random.nextInt(4));
    int[] codes = new int[items];
    List<Set<String>> sets = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      codes[i] = random.nextInt(5) == 0 ? -1 : random.nextInt(vocabulary.length);
      sets.add(codes[i] < 0 ? Set.of() : Set.of(name + "=" + vocabulary[codes[i]]));
    }
    tokens.add(sets);
    return new FeatureColumn.Categorical(name, vocabulary, codes);
  }

  private static FeatureColumn multiValued(String name, int items, Random random, List<List<Set<String>>> tokens) {
    String[] vocabulary = vocabulary(1 + random.nextInt(6));
    int[] offsets = new int[items + 1];
    List<Integer> codes = new ArrayList<>();
    List<Set<String>> sets = new ArrayList<>();
    for (int i = 0; i < items; i++) {
      Set<String> set = new HashSet<>();
      for (int v = random.nextInt(4); v > 0; v--) { // may repeat a value: it counts once
        int code = random.nextInt(vocabulary.length);
        codes.add(code);
        set.add(name + "=" + vocabulary[code]);
      }
      offsets[i + 1] = codes.size();
      sets.add(set);
    }
    tokens.add(sets);
    return new FeatureColumn.MultiValued(name, vocabulary, offsets,
        codes.stream().mapToInt(Integer::intValue).toArray());
  }

  /** The same words in every column, so that only the (column, value) pair tells tokens apart. */
  private static String[] vocabulary(int size) {
    String[] words = new String[size];
    for (int k = 0; k < size; k++) {
      words[k] = "w" + k;
    }
    return words;
  }
}
