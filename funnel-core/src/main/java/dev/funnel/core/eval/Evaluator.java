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
 * O(train degree + test degree + Σ K²) per user (the K² for intra-list diversity); memory O(items) per thread.
 *
 * <p>Besides accuracy ({@link RankingMetrics}) each cut-off gets item coverage, novelty and, when the items have
 * a category column, intra-list diversity and category coverage ({@link BeyondAccuracyMetrics}).
 */
public final class Evaluator {
  private static final int BLOCK = 256;
  /** Per cut-off a block sums the accuracy metrics, then self-information, filled list slots and diversity. */
  private static final int NOVELTY = RankingMetrics.NAMES.length;
  private static final int SLOTS = NOVELTY + 1;
  private static final int DIVERSITY = NOVELTY + 2;
  /** The sum of the listed items' ages in days, and how many listed items have one. */
  private static final int AGE = NOVELTY + 3;
  private static final int AGED = NOVELTY + 4;
  private static final int WIDTH = NOVELTY + 5;

  private Evaluator() {}

  /** Runs the evaluation with categories from the default column of {@link ItemCategories#select}. */
  public static EvalReport evaluate(
      Dataset dataset, Split split, Pipeline pipeline, PipelineOptions options, int[] cutoffs, IntConsumer progress) {
    return evaluate(dataset, split, pipeline, options, cutoffs, null, progress);
  }

  /**
   * Runs the evaluation. The report's seed is {@code options.seed()}, the seed the pipeline drew from; a random
   * split must have been made with that same seed.
   *
   * @param cutoffs the K values, each ≥ 1
   * @param categoryColumn the item feature that diversity and category coverage read, or null for the default rule
   *     of {@link ItemCategories#select}
   * @param progress told the number of users finished so far, from any thread (may be a no-op)
   * @throws IllegalArgumentException for cut-offs below 1, options the pipeline did not read, a random split
   *     made with another seed than the options', or a category column that is missing or not categorical
   * @throws IllegalStateException if the pipeline breaks the {@link Recommender} contract
   */
  public static EvalReport evaluate(Dataset dataset, Split split, Pipeline pipeline, PipelineOptions options,
      int[] cutoffs, String categoryColumn, IntConsumer progress) {
    int[] ks = Arrays.stream(cutoffs).sorted().distinct().toArray();
    if (ks.length == 0 || ks[0] < 1) {
      throw new IllegalArgumentException("cut-offs must be ≥ 1, were " + Arrays.toString(cutoffs));
    }
    if (split.protocol() == Protocol.RANDOM && split.seed() != options.seed()) {
      throw new IllegalArgumentException("the random split was made with seed " + split.seed()
          + " but the pipeline options carry seed " + options.seed() + "; a report has one seed");
    }
    ItemCategories categories = ItemCategories.select(dataset.itemFeatures(), categoryColumn);
    double[] information = BeyondAccuracyMetrics.selfInformation(split.train());
    long asOf = Arrays.stream(split.train().userTimes()).max().orElse(0) + 1;
    double[] ages = BeyondAccuracyMetrics.itemAgeDays(dataset.itemFeatures(), asOf);
    options.evaluatedUnder(split.protocol());
    long fitStart = System.nanoTime();
    Recommender recommender = pipeline.fit(dataset.withInteractions(split.train()), options);
    double fitSeconds = (System.nanoTime() - fitStart) / 1e9;
    if (!options.unused().isEmpty()) {
      throw new IllegalArgumentException(
          "pipeline '" + pipeline.name() + "' does not take the option(s) " + options.unused());
    }

    int[] testUsers = split.testUsers();
    int blocks = (testUsers.length + BLOCK - 1) / BLOCK;
    BlockTotals[] totals = new BlockTotals[blocks];
    ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(
        () -> new Scratch(dataset, split, pipeline.name(), ks, categories, information, ages));
    java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
    long evalStart = System.nanoTime();
    IntStream.range(0, blocks).parallel().forEach(b -> {
      Scratch s = scratch.get();
      BlockTotals block = new BlockTotals(ks.length, split.test().numItems(), categories);
      int end = Math.min(testUsers.length, (b + 1) * BLOCK);
      for (int t = b * BLOCK; t < end; t++) {
        s.score(testUsers[t], recommender, ks, block);
      }
      totals[b] = block;
      progress.accept(done.addAndGet(end - b * BLOCK));
    });
    double evalSeconds = (System.nanoTime() - evalStart) / 1e9;
    return report(dataset, split, pipeline, options, ks, testUsers.length, totals, categories, ages != null,
        fitSeconds, evalSeconds);
  }

  private static EvalReport report(Dataset dataset, Split split, Pipeline pipeline, PipelineOptions options,
      int[] ks, int users, BlockTotals[] blocks, ItemCategories categories, boolean aged, double fitSeconds,
      double evalSeconds) {
    BlockTotals total = new BlockTotals(ks.length, split.test().numItems(), categories);
    for (BlockTotals block : blocks) { // in block order, so that the floating-point sums never vary
      total.add(block);
    }
    int items = split.test().numItems();
    List<EvalReport.AtK> rows = new java.util.ArrayList<>();
    for (int c = 0; c < ks.length; c++) {
      double[] sums = Arrays.copyOfRange(total.sums, c * WIDTH, (c + 1) * WIDTH);
      Map<String, Double> means = new LinkedHashMap<>();
      for (int m = 0; m < RankingMetrics.NAMES.length; m++) {
        means.put(RankingMetrics.NAMES[m], share(sums[m], users));
      }
      double coverage = share(total.items.get(c * items, (c + 1) * items).cardinality(), items);
      double novelty = share(sums[NOVELTY], sums[SLOTS]);
      Double diversity = null;
      Double categoryCoverage = null;
      if (categories != null) {
        int vocabulary = categories.vocabularySize();
        diversity = share(sums[DIVERSITY], users);
        categoryCoverage = share(total.categories.get(c * vocabulary, (c + 1) * vocabulary).cardinality(),
            categories.categoriesInUse());
      }
      Double itemAge = aged ? share(sums[AGE], sums[AGED]) : null;
      rows.add(new EvalReport.AtK(ks[c], means, coverage, novelty, diversity, categoryCoverage, itemAge));
    }
    return new EvalReport(dataset.name(), dataset.checksum(), split.protocol().cliName(), options.seed(),
        split.trainRatio(), pipeline.name(), new java.util.TreeMap<>(options.used()), pipeline.spec(options), users,
        split.train().nnz(), split.test().nnz(), categories == null ? null : categories.column(), rows,
        fitSeconds, evalSeconds);
  }

  /** {@code part / whole}, or 0 when there is no whole. */
  private static double share(double part, double whole) {
    return whole == 0 ? 0 : part / whole;
  }

  /**
   * What a block of users adds up to: per cut-off the metric sums ({@link #WIDTH} slots each), the items listed
   * and the categories listed (one bit range per cut-off).
   */
  private static final class BlockTotals {
    final double[] sums;
    final BitSet items;
    final BitSet categories;

    BlockTotals(int cutoffs, int numItems, ItemCategories itemCategories) {
      sums = new double[cutoffs * WIDTH];
      items = new BitSet(cutoffs * numItems);
      categories = new BitSet(itemCategories == null ? 0 : cutoffs * itemCategories.vocabularySize());
    }

    void add(BlockTotals other) {
      for (int j = 0; j < sums.length; j++) {
        sums[j] += other.sums[j];
      }
      items.or(other.items);
      categories.or(other.categories);
    }
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
    final ItemCategories categories;
    final double[] information;
    /** Each item's age in days, NaN when unknown; null when the items have no time column. */
    final double[] ages;
    final byte[] marks;
    final boolean[] relevant;
    final double[] metrics = new double[RankingMetrics.NAMES.length];

    Scratch(Dataset dataset, Split split, String pipeline, int[] ks, ItemCategories categories,
        double[] information, double[] ages) {
      this.dataset = dataset;
      this.train = split.train();
      this.test = split.test();
      this.pipeline = pipeline;
      this.categories = categories;
      this.information = information;
      this.ages = ages;
      marks = new byte[test.numItems()];
      relevant = new boolean[ks[ks.length - 1]];
    }

    void score(int user, Recommender recommender, int[] ks, BlockTotals block) {
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
      double[] sums = block.sums;
      for (int c = 0; c < ks.length; c++) {
        RankingMetrics.compute(relevant, list.length, testSize, ks[c], metrics);
        int at = c * WIDTH;
        for (int m = 0; m < metrics.length; m++) {
          sums[at + m] += metrics[m];
        }
        int length = Math.min(list.length, ks[c]);
        for (int r = 0; r < length; r++) {
          block.items.set(c * numItems + list[r]);
          sums[at + NOVELTY] += information[list[r]];
          if (ages != null && !Double.isNaN(ages[list[r]])) {
            sums[at + AGE] += ages[list[r]];
            sums[at + AGED]++;
          }
        }
        sums[at + SLOTS] += length;
        if (categories != null) {
          sums[at + DIVERSITY] += BeyondAccuracyMetrics.intraListDiversity(list, length, categories);
          for (int r = 0; r < length; r++) {
            categories.mark(list[r], block.categories, c * categories.vocabularySize());
          }
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
