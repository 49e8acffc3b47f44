package dev.funnel.rank.rerank;

import it.unimi.dsi.fastutil.ints.IntOpenHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A rough timing of the re-rank stage, not a test and not a benchmark: 300 candidates through business rules
 * (filters, de-duplication, caps), freshness and MMR (topN = 50), over a 100k-item catalogue. Prints µs per call.
 * A JMH benchmark in funnel-bench should replace it. Run after {@code test-compile}:
 *
 * <pre>java -cp funnel-rank/target/classes:funnel-rank/target/test-classes:funnel-retrieval/target/classes:$FASTUTIL
 *   dev.funnel.rank.rerank.ReRankTiming</pre>
 *
 * {@code -Drequests=N} sets how many different candidate lists the calls cycle through (default 64; 1 keeps
 * everything in cache).
 */
public final class ReRankTiming {

  private static final int CATALOGUE = 100_000;
  private static final int CANDIDATES = 300;
  private static final long NOW = 1_700_000_000L;
  private static final String[] STAGE_NAMES = {
    "list only", "+ rules", "+ rules + freshness", "+ rules + freshness + MMR"
  };

  public static void main(String[] args) {
    SplittableRandom random = new SplittableRandom(1);
    ItemAttributes jaccardAttributes = attributes(random, 0);
    ItemAttributes cosineAttributes = attributes(new SplittableRandom(1), 64);
    IntOpenHashSet seen = new IntOpenHashSet();
    for (int i = 0; i < 200; i++) {
      seen.add(random.nextInt(CATALOGUE));
    }
    int requests = Integer.getInteger("requests", 64);
    int[][] items = new int[requests][];
    float[][] scores = new float[requests][];
    for (int r = 0; r < requests; r++) {
      items[r] = random.ints(0, CATALOGUE).distinct().limit(CANDIDATES).toArray();
      scores[r] = new float[CANDIDATES];
      for (int i = 0; i < CANDIDATES; i++) {
        scores[r][i] = 1f - i / (float) CANDIDATES;
      }
    }
    // Two passes over every configuration; the first only warms the JIT up, so no configuration is timed on code
    // compiled for another one's profile before that profile settled.
    for (int pass = 0; pass < 2; pass++) {
      time(pass == 1, jaccardAttributes, cosineAttributes, seen, items, scores);
    }
  }

  private static void time(
      boolean print, ItemAttributes jaccardAttributes, ItemAttributes cosineAttributes, IntOpenHashSet seen,
      int[][] items, float[][] scores) {
    int requests = items.length;
    for (boolean cosine : new boolean[] {false, true}) {
      ItemAttributes attributes = cosine ? cosineAttributes : jaccardAttributes;
      List<ReRanker> stages =
          List.of(
              new BusinessRules(
                  attributes, BusinessRules.Config.builder().dedupeBy("brand").defaultCategoryCap(20).build()),
              new FreshnessBoost(attributes, 3 * 86_400, 0.5),
              new MmrReRanker(0.7, Similarity.of(attributes), 50));
      for (boolean explain : new boolean[] {false, true}) {
        RequestContext ctx = new RequestContext(NOW, seen::contains, 7, explain);
        // Stage prefixes: list creation only, + rules, + freshness, + MMR (the whole pipeline).
        for (int prefix = 0; prefix <= stages.size(); prefix++) {
          ReRankPipeline pipeline = new ReRankPipeline(stages.subList(0, prefix), 50);
          double best = Double.MAX_VALUE;
          long sink = 0;
          for (int round = 0; round < 5; round++) {
            int calls = 4_000;
            long start = System.nanoTime();
            for (int c = 0; c < calls; c++) {
              sink += pipeline.apply(items[c % requests], scores[c % requests], ctx).item(0);
            }
            best = Math.min(best, (System.nanoTime() - start) / 1e3 / calls);
          }
          if (!print) {
            continue;
          }
          System.out.printf(
              Locale.ROOT, "%s explain %-5s %-28s %7.1f µs/call (best of 5 rounds)%s%n",
              cosine ? "cosine d=64" : "jaccard    ", explain, STAGE_NAMES[prefix], best, sink == 42 ? " " : "");
        }
      }
    }
  }

  private static ItemAttributes attributes(SplittableRandom random, int dimension) {
    int[][] categories = new int[CATALOGUE][];
    int[][] tags = new int[CATALOGUE][];
    long[] published = new long[CATALOGUE];
    boolean[] hidden = new boolean[CATALOGUE];
    int[] brand = new int[CATALOGUE];
    for (int i = 0; i < CATALOGUE; i++) {
      categories[i] = random.ints(1 + random.nextInt(3), 0, 50).toArray();
      tags[i] = random.ints(random.nextInt(6), 0, 500).toArray();
      published[i] = NOW - random.nextLong(365L * 86_400);
      hidden[i] = random.nextInt(100) == 0;
      brand[i] = random.nextInt(2000);
    }
    ItemAttributes.Builder builder =
        ItemAttributes.builder(CATALOGUE).categories(categories).tags(tags).publishedAt(published).hidden(hidden)
            .field("brand", brand);
    if (dimension > 0) {
      float[] rows = new float[CATALOGUE * dimension];
      for (int k = 0; k < rows.length; k++) {
        rows[k] = (float) random.nextGaussian();
      }
      builder.embeddings(rows, dimension);
    }
    return builder.build();
  }
}
