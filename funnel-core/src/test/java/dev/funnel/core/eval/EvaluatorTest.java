package dev.funnel.core.eval;

import static dev.funnel.core.data.TestData.dataset;
import static dev.funnel.core.data.TestData.matrix;
import static dev.funnel.core.data.TestData.randomMatrix;
import static dev.funnel.core.data.TestData.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.baseline.PopularPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  private static final double EPS = 1e-9;

  /**
   * Six items, four users:
   * user 0: items 0 (t1), 1 (t2), 2 (t3) → loo test item 2, train {0, 1};
   * user 1: items 0 (t1), 3 (t5)         → test item 3, train {0};
   * user 2: items 1 (t1), 5 (t2)         → test item 5, which nobody has in train; train {1};
   * user 3: item 0 (t1)                  → one interaction: not a test user.
   */
  private static final Dataset TINY = dataset(matrix(4, 6,
      new long[] {0, 0, 1}, new long[] {0, 1, 2}, new long[] {0, 2, 3},
      new long[] {1, 0, 1}, new long[] {1, 3, 5},
      new long[] {2, 1, 1}, new long[] {2, 5, 2},
      new long[] {3, 0, 1}));

  /** A pipeline returning fixed lists (cut to n unless told not to), and remembering what it was trained on. */
  private static final class FixedPipeline implements Pipeline {
    final IntFunction<int[]> lists;
    final boolean cutToN;
    InteractionMatrix trainedOn;

    FixedPipeline(IntFunction<int[]> lists, boolean cutToN) {
      this.lists = lists;
      this.cutToN = cutToN;
    }

    @Override
    public String name() {
      return "fixed";
    }

    @Override
    public String description() {
      return "fixed lists";
    }

    @Override
    public Recommender fit(Dataset train, PipelineOptions options) {
      trainedOn = train.interactions();
      options.getInt("depth", 3, 1, 10);
      return (user, n) -> {
        int[] list = lists.apply(user);
        return list == null || !cutToN ? list : Arrays.copyOf(list, Math.min(n, list.length));
      };
    }
  }

  private static FixedPipeline fixed(Map<Integer, int[]> byUser) {
    return new FixedPipeline(user -> byUser.getOrDefault(user, new int[0]), true);
  }

  private static EvalReport evaluate(Dataset data, Split split, Pipeline pipeline, long seed, int... ks) {
    return Evaluator.evaluate(data, split, pipeline, new PipelineOptions(Map.of(), seed), ks, done -> {});
  }

  private static final FixedPipeline TINY_LISTS = fixed(Map.of(
      0, new int[] {2, 3}, // hit at rank 1
      1, new int[] {4, 3}, // hit at rank 2
      2, new int[] {0, 2})); // miss: its test item 5 was never trained on

  @Test
  void averagesOverEveryTestUserAtEachCutOff() {
    EvalReport report = evaluate(TINY, Splitter.leaveLastOut(TINY.interactions()), TINY_LISTS, 7, 2, 1);
    assertThat(report.users()).isEqualTo(3);
    assertThat(report.trainInteractions()).isEqualTo(5);
    assertThat(report.testInteractions()).isEqualTo(3);
    assertThat(report.cutoffs()).extracting(EvalReport.AtK::k).containsExactly(1, 2);

    // K = 1: only user 0 hits (all metrics 1 for them, 0 for the others) → every mean is 1/3.
    // Coverage: items {2, 4, 0} of 6 = 1/2.
    EvalReport.AtK at1 = report.cutoffs().get(0);
    for (String name : RankingMetrics.NAMES) {
      assertThat(at1.metrics().get(name)).as(name).isCloseTo(1.0 / 3, within(EPS));
    }
    assertThat(at1.coverage()).isCloseTo(0.5, within(EPS));

    // K = 2, |test| = 1 each. User 0: HR 1, P 1/2, R 1, NDCG 1, MRR 1, AP 1.
    // User 1: HR 1, P 1/2, R 1, NDCG 1/log2(3) = 0.6309297536, MRR 1/2, AP = P@2 / 1 = 1/2. User 2: zeros.
    // Means over 3: HR 2/3, P 1/3, R 2/3, NDCG 1.6309297536/3 = 0.5436432512, MRR 1/2, MAP 1/2.
    // Coverage: {2, 3, 4, 0} of 6 = 2/3.
    Map<String, Double> at2 = report.cutoffs().get(1).metrics();
    assertThat(at2.get("HR")).isCloseTo(2.0 / 3, within(EPS));
    assertThat(at2.get("Precision")).isCloseTo(1.0 / 3, within(EPS));
    assertThat(at2.get("Recall")).isCloseTo(2.0 / 3, within(EPS));
    assertThat(at2.get("NDCG")).isCloseTo(0.5436432512, within(EPS));
    assertThat(at2.get("MRR")).isCloseTo(0.5, within(EPS));
    assertThat(at2.get("MAP")).isCloseTo(0.5, within(EPS));
    assertThat(report.cutoffs().get(1).coverage()).isCloseTo(2.0 / 3, within(EPS));
  }

  /**
   * TINY with a categorical "kind" column declared before a multi-valued "genres" column:
   * item 0: x {a}; 1: x {a, b}; 2: y {a, b}; 3: y {b, d}; 4: x {c}; 5: no kind, {e}.
   */
  private static Dataset tinyWithCategories() {
    FeatureTable.Builder table = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder kind = table.column("kind", FeatureKind.CATEGORICAL);
    FeatureTable.ColumnBuilder genres = table.column("genres", FeatureKind.MULTI_VALUED);
    String[] kinds = {"x", "x", "y", "y", "x"};
    for (int item = 0; item < kinds.length; item++) {
      kind.setCategorical(item, kinds[item]);
    }
    List<List<String>> genreSets =
        List.of(List.of("a"), List.of("a", "b"), List.of("a", "b"), List.of("b", "d"), List.of("c"), List.of("e"));
    for (int item = 0; item < genreSets.size(); item++) {
      genres.setMultiValued(item, genreSets.get(item));
    }
    return withItemFeatures(TINY, table.build(new int[] {0, 1, 2, 3, 4, 5}, 6));
  }

  private static Dataset withItemFeatures(Dataset data, FeatureTable items) {
    return new Dataset(data.name(), data.checksum(), data.users(), data.items(), data.interactions(),
        data.userFeatures(), items);
  }

  @Test
  void beyondAccuracyMetricsOnAHandWorkedCase() {
    Dataset data = tinyWithCategories();
    EvalReport report = evaluate(data, Splitter.leaveLastOut(data.interactions()), TINY_LISTS, 7, 1, 2);
    assertThat(report.categoryColumn()).as("the first multi-valued column").isEqualTo("genres");
    EvalReport.AtK at1 = report.cutoffs().get(0);
    EvalReport.AtK at2 = report.cutoffs().get(1);

    // Training users 0-3 (user 3 keeps its single interaction); item 0 has 3 of them, item 1 has 2, the others
    // none (counted as 1). Self-information: item 0 log2(4/3) = 0.4150374993, item 1 1, items 2-5 2 bits.
    // Listed at K = 1: 2, 4, 0 → (2 + 2 + 0.4150374993) / 3. At K = 2 also 3, 3, 2 → (10 + 0.4150374993) / 6.
    assertThat(at1.novelty()).isCloseTo(4.4150374993 / 3, within(EPS));
    assertThat(at2.novelty()).isCloseTo(10.4150374993 / 6, within(EPS));

    // One item has no pair: diversity@1 = 0. At K = 2: user 0 [2, 3] {a,b} vs {b,d}: 1 − 1/3;
    // user 1 [4, 3] {c} vs {b,d}: 1; user 2 [0, 2] {a} vs {a,b}: 1 − 1/2. Mean (2/3 + 1 + 1/2) / 3 = 13/18.
    assertThat(at1.diversity()).isZero();
    assertThat(at2.diversity()).isCloseTo(13.0 / 18, within(EPS));

    // Five genres in use. K = 1: {a,b} ∪ {c} ∪ {a} = 3 of 5; K = 2 adds d from item 3: 4 of 5.
    assertThat(at1.categoryCoverage()).isCloseTo(0.6, within(EPS));
    assertThat(at2.categoryCoverage()).isCloseTo(0.8, within(EPS));
  }

  /**
   * Release times one to four days before the end of training (TINY's latest training time is 2), item 4
   * without one. Listed at K = 1: 2, 4, 0 → items 2 and 0 have ages, (1 + 4) / 2. At K = 2 also 3, 3, 2 → item 3
   * twice (2 days each) and 2 once: (1 + 4 + 2 + 2 + 1) / 5.
   */
  @Test
  void theMeanItemAgeCountsTheListedItemsWithAReleaseTime() {
    FeatureTable.Builder table = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder released = table.column("released", FeatureKind.TIME);
    long end = 3; // one second after the latest training interaction (t2)
    long[] daysOld = {4, 3, 1, 2, -1, 0};
    for (int item = 0; item < daysOld.length; item++) {
      if (daysOld[item] >= 0) {
        released.setTime(item, end - daysOld[item] * 86_400);
      }
    }
    Dataset data = withItemFeatures(TINY, table.build(new int[] {0, 1, 2, 3, 4, 5}, 6));
    EvalReport report = evaluate(data, Splitter.leaveLastOut(data.interactions()), TINY_LISTS, 7, 1, 2);
    assertThat(report.cutoffs().get(0).itemAge()).isCloseTo(5.0 / 2, within(EPS));
    assertThat(report.cutoffs().get(1).itemAge()).isCloseTo(10.0 / 5, within(EPS));
    assertThat(evaluate(TINY, Splitter.leaveLastOut(TINY.interactions()), TINY_LISTS, 7, 1).cutoffs().get(0)
        .itemAge()).as("no time column, no age").isNull();
  }

  @Test
  void aNamedCategoryColumnOverridesTheDefault() {
    Dataset data = tinyWithCategories();
    EvalReport report = Evaluator.evaluate(data, Splitter.leaveLastOut(data.interactions()), TINY_LISTS,
        new PipelineOptions(Map.of(), 7), new int[] {1, 2}, "kind", done -> {});
    assertThat(report.categoryColumn()).isEqualTo("kind");
    // K = 2: user 0 [2, 3] y, y → 0; user 1 [4, 3] x, y → 1; user 2 [0, 2] x, y → 1. Mean 2/3.
    // K = 1: items 2 (y), 4 (x), 0 (x) cover both kinds.
    assertThat(report.cutoffs().get(1).diversity()).isCloseTo(2.0 / 3, within(EPS));
    assertThat(report.cutoffs().get(0).categoryCoverage()).isEqualTo(1.0);
  }

  @Test
  void withoutACategoryColumnDiversityAndCategoryCoverageAreAbsent() {
    EvalReport report = evaluate(TINY, Splitter.leaveLastOut(TINY.interactions()), TINY_LISTS, 7, 2);
    assertThat(report.categoryColumn()).isNull();
    assertThat(report.cutoffs().get(0).diversity()).isNull();
    assertThat(report.cutoffs().get(0).categoryCoverage()).isNull();
    assertThat(report.cutoffs().get(0).novelty()).isCloseTo(10.4150374993 / 6, within(EPS));
  }

  @Test
  void rejectsAMissingCategoryColumnBeforeFitting() {
    FixedPipeline lists = fixed(Map.of());
    assertThatThrownBy(() -> Evaluator.evaluate(tinyWithCategories(), Splitter.leaveLastOut(TINY.interactions()),
        lists, new PipelineOptions(Map.of(), 1), new int[] {1}, "tags", done -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'tags' does not exist");
    assertThat(lists.trainedOn).isNull();
  }

  /** {@code data} with a multi-valued "tags" column: each item gets 0 to 3 random tags of 8 (repeats possible). */
  private static Dataset withRandomTags(Dataset data, long seed) {
    Random random = new Random(seed);
    int items = data.interactions().numItems();
    FeatureTable.Builder table = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder tags = table.column("tags", FeatureKind.MULTI_VALUED);
    int[] identity = new int[items];
    for (int item = 0; item < items; item++) {
      identity[item] = item;
      tags.setMultiValued(item, random.ints(random.nextInt(4), 0, 8).mapToObj(t -> "t" + t).toList());
    }
    return withItemFeatures(data, table.build(identity, items));
  }

  @Test
  void beyondAccuracyMatchesABruteForceEvaluationOnRandomData() {
    Dataset data = withRandomTags(dataset(randomMatrix(600, 40, 15, 6)), 6);
    Split split = Splitter.split(data.interactions(), Protocol.RANDOM, 3);
    int[] ks = {1, 4, 10};
    Pipeline popular = new PopularPipeline();
    EvalReport report = evaluate(data, split, popular, 3, ks);
    Recommender recommender = popular.fit(data.withInteractions(split.train()), new PipelineOptions(Map.of(), 3));

    FeatureColumn.MultiValued column = (FeatureColumn.MultiValued) data.itemFeatures().column("tags");
    List<Set<Integer>> tags = new ArrayList<>();
    Set<Integer> allTags = new HashSet<>();
    for (int item = 0; item < 40; item++) {
      Set<Integer> set = new HashSet<>();
      for (int p = column.offsets()[item]; p < column.offsets()[item + 1]; p++) {
        set.add(column.codes()[p]);
      }
      tags.add(set);
      allTags.addAll(set);
    }
    int[] holders = new int[40];
    int trainUsers = 0;
    for (int u = 0; u < 600; u++) {
      int[] history = row(split.train(), u);
      trainUsers += history.length > 0 ? 1 : 0;
      for (int item : history) {
        holders[item]++;
      }
    }

    int[] users = split.testUsers();
    for (int c = 0; c < ks.length; c++) {
      int k = ks[c];
      double diversity = 0;
      double information = 0;
      int slots = 0;
      Set<Integer> covered = new HashSet<>();
      for (int u : users) {
        int[] full = recommender.recommend(u, 10);
        int[] list = Arrays.copyOf(full, Math.min(k, full.length));
        int pairs = 0;
        double dissimilarity = 0;
        for (int a = 0; a < list.length; a++) {
          information += -Math.log((double) Math.max(1, holders[list[a]]) / trainUsers) / Math.log(2);
          slots++;
          covered.addAll(tags.get(list[a]));
          for (int b = a + 1; b < list.length; b++) {
            Set<Integer> union = new HashSet<>(tags.get(list[a]));
            union.addAll(tags.get(list[b]));
            Set<Integer> common = new HashSet<>(tags.get(list[a]));
            common.retainAll(tags.get(list[b]));
            dissimilarity += union.isEmpty() ? 0 : 1 - (double) common.size() / union.size();
            pairs++;
          }
        }
        diversity += pairs == 0 ? 0 : dissimilarity / pairs;
      }
      EvalReport.AtK atK = report.cutoffs().get(c);
      assertThat(atK.diversity()).as("diversity@%d", k).isCloseTo(diversity / users.length, within(1e-12));
      assertThat(atK.novelty()).as("novelty@%d", k).isCloseTo(information / slots, within(1e-12));
      assertThat(atK.categoryCoverage()).as("category coverage@%d", k)
          .isEqualTo((double) covered.size() / allTags.size());
    }
  }

  @Test
  void pipelineSeesOnlyTheTrainingInteractions() {
    Split split = Splitter.leaveLastOut(TINY.interactions());
    evaluate(TINY, split, TINY_LISTS, 7, 2);
    assertThat(TINY_LISTS.trainedOn).isSameAs(split.train());
  }

  @Test
  void reportCarriesDatasetProtocolSeedAndOptionsInForce() {
    EvalReport report = evaluate(TINY, Splitter.leaveLastOut(TINY.interactions()), TINY_LISTS, 7, 2);
    assertThat(report.dataset()).isEqualTo("test:fixture");
    assertThat(report.checksum()).isEqualTo("c0ffee");
    assertThat(report.protocol()).isEqualTo("loo");
    assertThat(report.seed()).as("the seed in force, not the loo split's 0").isEqualTo(7);
    assertThat(report.pipeline()).isEqualTo("fixed");
    assertThat(report.options()).containsExactly(Map.entry("depth", "3"));
  }

  @Test
  void randomSplitMustUseTheOptionsSeed() {
    Split split = Splitter.random(TINY.interactions(), 0.5, 3);
    Pipeline popular = new PopularPipeline();
    assertThat(evaluate(TINY, split, popular, 3, 2).seed()).isEqualTo(3);
    assertThatThrownBy(() -> evaluate(TINY, split, popular, 4, 2))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seed 3").hasMessageContaining("seed 4");
  }

  @Test
  void temporalUsersWithoutHistoryAreNotAveragedIn() {
    // User 0: items 0..8 at t = 1..9; user 1: item 9 at t = 10. Cut = sorted[8] = 9: test = {(0, 8), (1, 9)}.
    List<long[]> rows = new ArrayList<>();
    for (int t = 1; t <= 9; t++) {
      rows.add(new long[] {0, t - 1, t});
    }
    rows.add(new long[] {1, 9, 10});
    Dataset data = dataset(matrix(2, 12, rows.toArray(new long[0][])));
    FixedPipeline lists = fixed(Map.of(0, new int[] {8}));
    EvalReport report = evaluate(data, Splitter.temporal(data.interactions(), 0.8), lists, 1, 1);
    assertThat(report.users()).isEqualTo(1);
    assertThat(report.cutoffs().get(0).metrics().get("HR")).isEqualTo(1.0); // 0.5 if user 1 were counted
  }

  @Test
  void resultsDoNotDependOnThreadScheduling() throws Exception {
    // 1500 users: several blocks of 256. Popular is deterministic; compare 1 thread, 3 threads and the common pool.
    Dataset data = withRandomTags(dataset(randomMatrix(1500, 60, 12, 3)), 9);
    Split split = Splitter.split(data.interactions(), Protocol.RANDOM, 9);
    Pipeline popular = new PopularPipeline();
    List<List<EvalReport.AtK>> runs = new ArrayList<>();
    runs.add(evaluate(data, split, popular, 9, 5, 10).cutoffs());
    for (int threads : new int[] {1, 3}) {
      ForkJoinPool pool = new ForkJoinPool(threads);
      try {
        runs.add(pool.submit(() -> evaluate(data, split, popular, 9, 5, 10).cutoffs()).get());
      } finally {
        pool.shutdown();
      }
    }
    assertThat(runs.get(1)).isEqualTo(runs.get(0));
    assertThat(runs.get(2)).isEqualTo(runs.get(0));
  }

  @Test
  void matchesABruteForceEvaluationOnRandomData() {
    Dataset data = dataset(randomMatrix(700, 40, 15, 5));
    Split split = Splitter.split(data.interactions(), Protocol.RANDOM, 2);
    int[] ks = {3, 10};
    Pipeline popular = new PopularPipeline();
    EvalReport report = evaluate(data, split, popular, 2, ks);
    Recommender recommender = popular.fit(data.withInteractions(split.train()), new PipelineOptions(Map.of(), 2));
    int[] users = split.testUsers();
    for (int c = 0; c < ks.length; c++) {
      int k = ks[c];
      double[] sums = new double[6];
      Set<Integer> covered = new HashSet<>();
      for (int u : users) {
        int[] list = recommender.recommend(u, 10);
        Set<Integer> test = new HashSet<>();
        for (int p = split.test().userOffsets()[u]; p < split.test().userOffsets()[u + 1]; p++) {
          test.add(split.test().userItems()[p]);
        }
        double[] m = bruteForce(list, test, k);
        for (int j = 0; j < 6; j++) {
          sums[j] += m[j];
        }
        for (int r = 0; r < Math.min(k, list.length); r++) {
          covered.add(list[r]);
        }
      }
      for (int j = 0; j < 6; j++) {
        assertThat(report.cutoffs().get(c).metrics().get(RankingMetrics.NAMES[j]))
            .as("%s@%d", RankingMetrics.NAMES[j], k).isCloseTo(sums[j] / users.length, within(1e-12));
      }
      assertThat(report.cutoffs().get(c).coverage()).isEqualTo((double) covered.size() / 40);
    }
  }

  /** HR, Precision, Recall, NDCG, MRR, AP at k, written out the long way. */
  private static double[] bruteForce(int[] list, Set<Integer> test, int k) {
    List<Integer> hitsAt = new ArrayList<>(); // 1-based ranks of the hits within k
    for (int r = 0; r < Math.min(k, list.length); r++) {
      if (test.contains(list[r])) {
        hitsAt.add(r + 1);
      }
    }
    double dcg = hitsAt.stream().mapToDouble(rank -> Math.log(2) / Math.log(rank + 1)).sum();
    double idcg = 0;
    for (int rank = 1; rank <= Math.min(test.size(), k); rank++) {
      idcg += Math.log(2) / Math.log(rank + 1);
    }
    double ap = 0;
    for (int h = 0; h < hitsAt.size(); h++) {
      ap += (h + 1.0) / hitsAt.get(h);
    }
    return new double[] {
      hitsAt.isEmpty() ? 0 : 1,
      hitsAt.size() / (double) k,
      hitsAt.size() / (double) test.size(),
      dcg / idcg,
      hitsAt.isEmpty() ? 0 : 1.0 / hitsAt.get(0),
      ap / Math.min(test.size(), k)
    };
  }

  @Test
  void progressReachesTheNumberOfTestUsers() {
    AtomicInteger last = new AtomicInteger();
    Evaluator.evaluate(TINY, Splitter.leaveLastOut(TINY.interactions()), TINY_LISTS,
        new PipelineOptions(Map.of(), 1), new int[] {1}, done -> last.accumulateAndGet(done, Math::max));
    assertThat(last.get()).isEqualTo(3);
  }

  @Test
  void rejectsListsThatBreakTheRecommenderContract() {
    Split split = Splitter.leaveLastOut(TINY.interactions());
    assertBroken(split, fixed(Map.of(0, new int[] {0, 2})), "'0' (0), which the user interacted with in training");
    assertBroken(split, fixed(Map.of(1, new int[] {4, 4})), "item '4' (4) twice");
    assertBroken(split, fixed(Map.of(2, new int[] {6})), "item id 6 outside [0, 6)");
    assertBroken(split, fixed(Map.of(2, new int[] {-1})), "item id -1 outside");
    assertBroken(split, new FixedPipeline(user -> null, true), "no list (null)");
    assertBroken(split, new FixedPipeline(user -> new int[] {4, 3, 2}, false), "3 items when asked for 2");
  }

  private static void assertBroken(Split split, Pipeline pipeline, String message) {
    assertThatThrownBy(() -> evaluate(TINY, split, pipeline, 1, 1, 2))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("pipeline 'fixed'")
        .hasMessageContaining(message);
  }

  @Test
  void userIsNamedByExternalIdWhenAListIsRejected() {
    assertThatThrownBy(() -> evaluate(TINY, Splitter.leaveLastOut(TINY.interactions()),
        fixed(Map.of(1, new int[] {0})), 1, 1))
        .hasMessageContaining("for user '1' (1): item '0' (0)");
  }

  @Test
  void rejectsCutOffsBelowOneOrNone() {
    Split split = Splitter.leaveLastOut(TINY.interactions());
    for (int[] ks : new int[][] {{}, {0}, {5, -1}}) {
      assertThatThrownBy(() -> evaluate(TINY, split, TINY_LISTS, 1, ks))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cut-offs");
    }
  }

  @Test
  void rejectsOptionsThePipelineNeverRead() {
    PipelineOptions options = new PipelineOptions(Map.of("depht", "4"), 1);
    assertThatThrownBy(() -> Evaluator.evaluate(TINY, Splitter.leaveLastOut(TINY.interactions()), TINY_LISTS,
        options, new int[] {1}, done -> {}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("depht").hasMessageContaining("fixed");
  }

  @Test
  void noTestUsersGivesZeroMeans() {
    Dataset data = dataset(matrix(2, 3, new long[] {0, 0, 1}, new long[] {1, 1, 1}));
    EvalReport report = evaluate(data, Splitter.leaveLastOut(data.interactions()), TINY_LISTS, 1, 5);
    assertThat(report.users()).isZero();
    assertThat(report.cutoffs().get(0).metrics()).allSatisfy((name, mean) -> assertThat(mean).isZero());
  }
}
