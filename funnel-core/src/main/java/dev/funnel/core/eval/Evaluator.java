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
 * Fits a pipeline on a split's training part and scores its full ranking for every user of
 * {@link Split#testUsers()}.
 *
 * <p>Every list is checked against the {@link Recommender} contract: at most n items, each a valid item id, none
 * twice, none from the user's training interactions. A pipeline that breaks it fails the run with an
 * {@link IllegalStateException} naming the pipeline, the user and the item, rather than skewing the figures.
 *
 * <p>Users are processed in fixed blocks in parallel, and block results are added up in block order, so the
 * report is the same whatever the thread count. Cost: one {@code recommend(user, maxK)} per test user plus
 * O(train degree + test degree + maxK · cut-offs) per user; memory O(items) per thread.
 */
public final class Evaluator {
  private static final int BLOCK = 256;

  private Evaluator() {}

  /**
   * Runs the evaluation. The report's seed is {@code options.seed()}, the seed the pipeline drew from; a random
   * split must have been made with that same seed.
   *
   * @param cutoffs the K values, each ≥ 1
   * @param progress told the number of users finished so far, from any thread (may be a no-op)
   * @throws IllegalArgumentException for cut-offs below 1, options the pipeline did not read, or a random split
   *     made with another seed than the options'
   * @throws IllegalStateException if the pipeline breaks the {@link Recommender} contract
   */
  public static EvalReport evaluate(
      Dataset dataset, Split split, Pipeline pipeline, PipelineOptions options, int[] cutoffs, IntConsumer progress) {
    int[] ks = Arrays.stream(cutoffs).sorted().distinct().toArray();
    if (ks.length == 0 || ks[0] < 1) {
      throw new IllegalArgumentException("cut-offs must be ≥ 1, were " + Arrays.toString(cutoffs));
    }
    if (split.protocol() == Protocol.RANDOM && split.seed() != options.seed()) {
      throw new IllegalArgumentException("the random split was made with seed " + split.seed()
          + " but the pipeline options carry seed " + options.seed() + "; a report has one seed");
    }
    long fitStart = System.nanoTime();
    Recommender recommender = pipeline.fit(dataset.withInteractions(split.train()), options);
    double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
    if (!options.unused().isEmpty()) {
      throw new IllegalArgumentException(
          "pipeline '" + pipeline.name() + "' does not take the option(s) " + options.unused());
    }

    InteractionMatrix test = split.test();
    int[] testUsers = split.testUsers();
    int blocks = (testUsers.length + BLOCK - 1) / BLOCK;
    double[][] blockSums = new double[blocks][];
    BitSet[] blockCovered = new BitSet[blocks];
    ThreadLocal<Scratch> scratch =
        ThreadLocal.withInitial(() -> new Scratch(dataset, split, pipeline.name(), ks));
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    long evalStart = System.nanoTime();
    IntStream.range(0, blocks).parallel().forEach(b -> {
      Scratch s = scratch.get();
      double[] sums = new double[ks.length * RankingMetrics.NAMES.length];
      BitSet covered = new BitSet(test.numItems() * ks.length);
      int end = Math.min(testUsers.length, (b + 1) * BLOCK);
      for (int t = b * BLOCK; t < end; t++) {
        s.score(testUsers[t], recommender, ks, sums, covered);
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
    return new EvalReport(dataset.name(), dataset.checksum(), split.protocol().cliName(), options.seed(),
        split.trainRatio(), pipeline.name(), new java.util.TreeMap<>(options.used()), users,
        split.train().nnz(), split.test().nnz(), rows, fitSeconds, evalSeconds);
  }

  /** Per-thread buffers: what each item is to the current user, and relevance by rank. */
  private static final class Scratch {
    private static final byte TEST = 1;
    private static final byte TRAIN = 2;
    private static final byte LISTED = 4;

    final Dataset dataset;
    final InteractionMatrix train;
    final InteractionMatrix test;
    final String pipeline;
    final byte[] marks;
    final boolean[] relevant;
    final double[] metrics = new double[RankingMetrics.NAMES.length];

    Scratch(Dataset dataset, Split split, String pipeline, int[] ks) {
      this.dataset = dataset;
      this.train = split.train();
      this.test = split.test();
      this.pipeline = pipeline;
      marks = new byte[test.numItems()];
      relevant = new boolean[ks[ks.length - 1]];
    }

    void score(int user, Recommender recommender, int[] ks, double[] sums, BitSet covered) {
      int maxK = relevant.length;
      int[] list = recommender.recommend(user, maxK);
      if (list == null || list.length > maxK) {
        throw broken(user, list == null ? "no list (null)" : list.length + " items when asked for " + maxK);
      }
      mark(test, user, TEST);
      mark(train, user, TRAIN);
      try {
        for (int r = 0; r < list.length; r++) {
          int item = list[r];
          if (item < 0 || item >= marks.length) {
            throw broken(user, "item id " + item + " outside [0, " + marks.length + ")");
          }
          if ((marks[item] & LISTED) != 0) {
            throw broken(user, "item " + itemName(item) + " twice");
          }
          if ((marks[item] & TRAIN) != 0) {
            throw broken(user, "item " + itemName(item) + ", which the user interacted with in training");
          }
          marks[item] |= LISTED;
          relevant[r] = (marks[item] & TEST) != 0;
        }
      } finally {
        clear(test, user);
        clear(train, user);
        for (int item : list) {
          if (item >= 0 && item < marks.length) {
            marks[item] = 0;
          }
        }
      }
      int testSize = test.userDegree(user);
      int numItems = test.numItems();
      for (int c = 0; c < ks.length; c++) {
        RankingMetrics.compute(relevant, list.length, testSize, ks[c], metrics);
        for (int m = 0; m < metrics.length; m++) {
          sums[c * metrics.length + m] += metrics[m];
        }
        for (int r = 0; r < Math.min(list.length, ks[c]); r++) {
          covered.set(c * numItems + list[r]);
        }
      }
    }

    private void mark(InteractionMatrix matrix, int user, byte flag) {
      int[] items = matrix.userItems();
      for (int p = matrix.userOffsets()[user]; p < matrix.userOffsets()[user + 1]; p++) {
        marks[items[p]] |= flag;
      }
    }

    private void clear(InteractionMatrix matrix, int user) {
      int[] items = matrix.userItems();
      for (int p = matrix.userOffsets()[user]; p < matrix.userOffsets()[user + 1]; p++) {
        marks[items[p]] = 0;
      }
    }

    private String itemName(int item) {
      return "'" + dataset.items().externalId(item) + "' (" + item + ")";
    }

    private IllegalStateException broken(int user, String what) {
      return new IllegalStateException("pipeline '" + pipeline + "' returned for user '"
          + dataset.users().externalId(user) + "' (" + user + "): " + what);
    }
  }
}
