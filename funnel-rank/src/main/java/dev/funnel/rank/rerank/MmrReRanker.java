package dev.funnel.rank.rerank;

/**
 * Maximal Marginal Relevance (Carbonell and Goldstein, 1998): trades relevance for diversity at the top of the
 * list.
 *
 * <p>Greedy: with S the items picked so far, repeatedly pick among the rest the item i maximising
 * {@code λ·rel(i) − (1−λ)·max_{j∈S} sim(i,j)} (the second term is 0 while S is empty), until {@code topN} items are
 * picked; the others follow in their previous order. Ties go to the item earlier in the list.
 *
 * <p>rel is the current score min-max normalised over the list, {@code (s − min)/(max − min)}, or 0 for every item
 * when all scores are equal. Raw scores have arbitrary scale (a logit, a fused rank score), while similarities lie
 * in [0, 1] for Jaccard or [−1, 1] for cosine; normalising puts both terms on one scale, so λ means the same for
 * every ranker. With λ = 1 the objective is relevance alone, so a list that is best-first by score comes back
 * unchanged. Scores are not changed, only the order.
 *
 * <p>Cost: O(topN · n) similarity evaluations; each item keeps its maximum similarity to S, updated with each pick.
 */
public final class MmrReRanker implements ReRanker {

  public static final String STAGE = "mmr";

  private final double lambda;
  private final Similarity similarity;
  private final int topN;

  /**
   * @param lambda weight of relevance against diversity, in [0, 1]
   * @param similarity item similarity
   * @param topN how many items to pick by MMR; the rest keep their order
   */
  public MmrReRanker(double lambda, Similarity similarity, int topN) {
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("MMR lambda must lie in [0, 1], got " + lambda);
    }
    if (topN < 0) {
      throw new IllegalArgumentException("MMR topN must not be negative, got " + topN);
    }
    this.lambda = lambda;
    this.similarity = java.util.Objects.requireNonNull(similarity, "similarity");
    this.topN = topN;
  }

  @Override
  public void apply(RankedList list, RequestContext ctx) {
    int n = list.size();
    int picks = Math.min(topN, n);
    if (n <= 1 || picks == 0) {
      return;
    }
    int[] items = list.items();
    float[] relevance = normalised(list.scores());
    float[] maxSimilarity = new float[n];
    // Not yet picked, in list order, so the first best found is the earliest.
    int[] rest = new int[n];
    for (int i = 0; i < n; i++) {
      rest[i] = i;
    }
    int restSize = n;
    int[] order = new int[n];
    for (int step = 0; step < picks; step++) {
      int bestAt = 0;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int r = 0; r < restSize; r++) {
        int i = rest[r];
        double value = step == 0 ? lambda * relevance[i] : lambda * relevance[i] - (1 - lambda) * maxSimilarity[i];
        if (value > bestValue) {
          bestValue = value;
          bestAt = r;
        }
      }
      int picked = rest[bestAt];
      order[step] = picked;
      System.arraycopy(rest, bestAt + 1, rest, bestAt, restSize - bestAt - 1);
      restSize--;
      if (step + 1 < picks) {
        for (int r = 0; r < restSize; r++) {
          int i = rest[r];
          float sim = similarity.between(items[i], items[picked]);
          if (step == 0 || sim > maxSimilarity[i]) {
            maxSimilarity[i] = sim;
          }
        }
      }
    }
    System.arraycopy(rest, 0, order, picks, restSize);
    list.reorder(order, STAGE);
  }

  /** Scores mapped linearly onto [0, 1]; all 0 when they are all equal. */
  static float[] normalised(float[] scores) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    float[] out = new float[scores.length];
    if (max > min) {
      double range = (double) max - min;
      for (int i = 0; i < scores.length; i++) {
        out[i] = (float) ((scores[i] - (double) min) / range);
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return "MMR(λ=" + lambda + ", topN=" + topN + ")";
  }
}
