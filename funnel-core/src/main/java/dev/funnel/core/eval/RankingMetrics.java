package dev.funnel.core.eval;

/**
 * Accuracy of one ranked list against one user's test items, exactly as DESIGN.md defines them. Relevance is
 * binary. Stateless; all methods are pure functions.
 *
 * <ul>
 *   <li>HR@K = 1 if any of the first K is relevant;</li>
 *   <li>Precision@K = hits / K; Recall@K = hits / |test|;</li>
 *   <li>NDCG@K = DCG / IDCG, gain 1/log2(rank+1), IDCG over min(|test|, K) relevant items;</li>
 *   <li>MRR@K = 1 / rank of the first relevant item within K, else 0;</li>
 *   <li>AP@K = Σ_{k≤K} P@k · rel_k / min(|test|, K).</li>
 * </ul>
 * A list shorter than K counts its missing places as misses.
 */
public final class RankingMetrics {
  /** Metric names in report order. */
  public static final String[] NAMES = {"HR", "Precision", "Recall", "NDCG", "MRR", "MAP"};

  static final int HR = 0;
  static final int PRECISION = 1;
  static final int RECALL = 2;
  static final int NDCG = 3;
  static final int MRR = 4;
  static final int MAP = 5;

  private RankingMetrics() {}

  /**
   * Writes the six metrics at cut-off {@code k} into {@code out[0..5]} in {@link #NAMES} order.
   *
   * @param relevant {@code relevant[r]} tells whether the item at rank r+1 is a test item
   * @param length how many entries of {@code relevant} are filled (the list's length)
   * @param testSize number of test items of the user (at least 1)
   */
  public static void compute(boolean[] relevant, int length, int testSize, int k, double[] out) {
    if (testSize < 1 || k < 1) {
      throw new IllegalArgumentException("testSize and k must be ≥ 1, were " + testSize + " and " + k);
    }
    int hits = 0;
    double dcg = 0;
    double reciprocalRank = 0;
    double precisionSum = 0;
    int limit = Math.min(k, length);
    for (int r = 0; r < limit; r++) {
      if (relevant[r]) {
        hits++;
        dcg += discount(r);
        precisionSum += (double) hits / (r + 1);
        if (reciprocalRank == 0) {
          reciprocalRank = 1.0 / (r + 1);
        }
      }
    }
    int ideal = Math.min(testSize, k);
    double idcg = 0;
    for (int r = 0; r < ideal; r++) {
      idcg += discount(r);
    }
    out[HR] = hits > 0 ? 1 : 0;
    out[PRECISION] = (double) hits / k;
    out[RECALL] = (double) hits / testSize;
    out[NDCG] = dcg / idcg;
    out[MRR] = reciprocalRank;
    out[MAP] = precisionSum / ideal;
  }

  /** 1 / log2(rank + 1) for the 0-based position {@code r}, i.e. rank r+1. */
  private static double discount(int r) {
    return 1.0 / (Math.log(r + 2) / Math.log(2));
  }
}
