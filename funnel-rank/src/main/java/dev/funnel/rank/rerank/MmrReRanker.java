package dev.funnel.rank.rerank;

import java.util.Objects;

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
 * <p>Cost: at most topN · n similarity evaluations (each item keeps its maximum similarity to S and catches up on
 * new picks only when it is a contender, so far fewer in practice), plus a heap operation per evaluation round.
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
    this.similarity = Objects.requireNonNull(similarity, "similarity");
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
    boolean[] picked = new boolean[n];
    int[] order = new int[n];

    // Step 1: S is empty, so relevance alone decides.
    int first = 0;
    for (int i = 1; i < n; i++) {
      if (lambda * relevance[i] > lambda * relevance[first]) {
        first = i;
      }
    }
    order[0] = first;
    picked[first] = true;

    if (picks > 1) {
      // From step 2 on, every candidate's max similarity to S can only grow, so a value computed against an
      // earlier S is an upper bound of its value now. Lazy greedy: take the candidate with the best bound; if its
      // value is up to date it is the argmax (ties: the heap orders equal values by position), else bring it up to
      // date and look again. Same result as recomputing everything each step, far fewer similarity evaluations.
      float[] maxSimilarity = new float[n];
      int[] upToStep = new int[n]; // how many picks maxSimilarity[i] has seen
      double[] value = new double[n];
      CandidateHeap heap = new CandidateHeap(value, n - 1);
      for (int i = 0; i < n; i++) {
        if (i != first) {
          maxSimilarity[i] = similarity.between(items[i], items[first]);
          upToStep[i] = 1;
          value[i] = lambda * relevance[i] - (1 - lambda) * maxSimilarity[i];
          heap.add(i);
        }
      }
      heap.heapify();
      for (int step = 1; step < picks; step++) {
        int top = heap.top();
        while (upToStep[top] < step) {
          float max = maxSimilarity[top];
          for (int s = upToStep[top]; s < step; s++) {
            max = Math.max(max, similarity.between(items[top], items[order[s]]));
          }
          maxSimilarity[top] = max;
          upToStep[top] = step;
          value[top] = lambda * relevance[top] - (1 - lambda) * max;
          heap.topDecreased();
          top = heap.top();
        }
        heap.removeTop();
        order[step] = top;
        picked[top] = true;
      }
    }
    int next = picks;
    for (int i = 0; i < n; i++) {
      if (!picked[i]) {
        order[next++] = i;
      }
    }
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
