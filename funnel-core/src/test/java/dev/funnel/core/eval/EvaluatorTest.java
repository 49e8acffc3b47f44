package dev.funnel.core.eval;

import static dev.funnel.core.data.TestData.dataset;
import static dev.funnel.core.data.TestData.matrix;
import static dev.funnel.core.data.TestData.randomMatrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.baseline.PopularPipeline;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
    Dataset data = dataset(randomMatrix(1500, 60, 12, 3));
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
