package dev.funnel.core.eval;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Fits a pipeline on a split's training part and scores its full ranking for every user with test items.
 *
 * <p>Users are processed in fixed blocks in parallel, and block results are added up in block order, so the
 * report is the same whatever the thread count. Cost: one {@code recommend(user, maxK)} per test user plus
 * O(maxK · cut-offs) per user; memory O(items) per thread.
 */
public final class Evaluator {
  private static final int BLOCK = 256;

  private Evaluator() {}

  /**
   * Runs the evaluation.
   *
   * @param cutoffs the K values, each ≥ 1
   * @param progress told the number of users finished so far, from any thread (may be a no-op)
   */
  public static EvalReport evaluate(
      Dataset dataset, Split split, Pipeline pipeline, PipelineOptions options, int[] cutoffs, IntConsumer progress) {
    int[] ks = Arrays.stream(cutoffs).sorted().distinct().toArray();
    if (ks.length == 0 || ks[0] < 1) {
      throw new IllegalArgumentException("cut-offs must be ≥ 1, were " + Arrays.toString(cutoffs));
    }
    long fitStart = System.nanoTime();
    Recommender recommender = pipeline.fit(dataset.withInteractions(split.train()), options);
    double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
    if (!options.unused().isEmpty()) {
      throw new IllegalArgumentException(
          "pipeline '" + pipeline.name() + "' does not take the option(s) " + options.unused());
    }

    InteractionMatrix test = split.test();
    int[] testUsers = IntStream.range(0, test.numUsers()).filter(u -> test.userDegree(u) > 0).toArray();
    int blocks = (testUsers.length + BLOCK - 1) / BLOCK;
    double[][] blockSums = new double[blocks][];
    BitSet[] blockCovered = new BitSet[blocks];
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(test.numItems(), ks));
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    long evalStart = System.nanoTime();
    IntStream.range(0, blocks).parallel().forEach(b -> {
      Scratch s = scratch.get();
      double[] sums = new double[ks.length * RankingMetrics.NAMES.length];
      BitSet covered = new BitSet(test.numItems() * ks.length);
      int end = Math.min(testUsers.length, (b + 1) * BLOCK);
      for (int t = b * BLOCK; t < end; t++) {
        s.score(testUsers[t], recommender, test, ks, sums, covered);
      }
      blockSums[b] = sums;
      blockCovered[b] = covered;
      progress.accept(done.addAndGet(end - b * BLOCK));
    });
    double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
    return report(dataset, split, pipeline, options, ks, testUsers.length, blockSums, blockCovered,
        fitSeconds, evalSeconds);
  }

  private static EvalReport report(Dataset dataset, Split split, Pipeline pipeline, PipelineOptions options,
      int[] ks, int users, double[][] blockSums, BitSet[] blockCovered, double fitSeconds, double evalSeconds) {
    int metrics = RankingMetrics.NAMES.length;
    double[] total = new double[ks.length * metrics];
    BitSet covered = new BitSet();
    for (int b = 0; b < blockSums.length; b++) {
      for (int j = 0; j < total.length; j++) {
        total[j] += blockSums[b][j];
      }
      covered.or(blockCovered[b]);
    }
    int items = split.test().numItems();
    List<EvalReport.AtK> rows = new java.util.ArrayList<>();
    for (int c = 0; c < ks.length; c++) {
      Map<String, Double> means = new LinkedHashMap<>();
      for (int m = 0; m < metrics; m++) {
        means.put(RankingMetrics.NAMES[m], users == 0 ? 0 : total[c * metrics + m] / users);
      }
      int distinct = covered.get(c * items, (c + 1) * items).cardinality();
      rows.add(new EvalReport.AtK(ks[c], means, items == 0 ? 0 : (double) distinct / items));
    }
    return new EvalReport(dataset.name(), dataset.checksum(), split.protocol().cliName(), split.seed(),
        split.trainRatio(), pipeline.name(), new java.util.TreeMap<>(options.used()), users,
        split.train().nnz(), split.test().nnz(), rows, fitSeconds, evalSeconds);
  }

  /** Per-thread buffers: the user's test items as a mask, and relevance by rank. */
  private static final class Scratch {
    final boolean[] isTest;
    final boolean[] relevant;
    final double[] metrics = new double[RankingMetrics.NAMES.length];

    Scratch(int items, int[] ks) {
      isTest = new boolean[items];
      relevant = new boolean[ks[ks.length - 1]];
    }

    void score(int user, Recommender recommender, InteractionMatrix test, int[] ks, double[] sums, BitSet covered) {
      int maxK = relevant.length;
      int[] list = recommender.recommend(user, maxK);
      int length = Math.min(list.length, maxK);
      int[] offsets = test.userOffsets();
      int[] items = test.userItems();
      for (int p = offsets[user]; p < offsets[user + 1]; p++) {
        isTest[items[p]] = true;
      }
      for (int r = 0; r < length; r++) {
        relevant[r] = isTest[list[r]];
      }
      for (int p = offsets[user]; p < offsets[user + 1]; p++) {
        isTest[items[p]] = false;
      }
      int testSize = test.userDegree(user);
      int numItems = test.numItems();
      for (int c = 0; c < ks.length; c++) {
        RankingMetrics.compute(relevant, length, testSize, ks[c], metrics);
        for (int m = 0; m < metrics.length; m++) {
          sums[c * metrics.length + m] += metrics[m];
        }
        for (int r = 0; r < Math.min(length, ks[c]); r++) {
          covered.set(c * numItems + list[r]);
        }
      }
    }
  }
}
