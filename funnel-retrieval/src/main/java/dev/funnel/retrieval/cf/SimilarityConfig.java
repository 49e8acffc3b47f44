package dev.funnel.retrieval.cf;

import dev.funnel.core.data.FeedbackTransform;

/**
 * Parameters of a similarity build.
 *
 * @param k neighbours kept per row, 1 to 10 000
 * @param swingAlpha Swing's smoothing α &gt; 0 in {@code 1 / (α + overlap)}
 * @param swingBeta Swing's user-weight exponent β ≥ 0 in {@code w_u = (|J_u| + 5)^(-β)}; 0 turns weights off
 * @param maxUserItems keep only each user's most recent this many interactions; 0 = no cap
 * @param maxItemUsers then keep only each item's most recent this many users; 0 = no cap
 * @param threads worker threads, ≥ 1; results do not depend on it
 * @param easeLambda EASE's L2 penalty λ &gt; 0 (larger for more data)
 * @param easeNeighbors weights EASE keeps per item (those of largest magnitude), 1 to 10 000
 * @param transform how interaction weights become the values the builds and histories read
 */
public record SimilarityConfig(
    int k, double swingAlpha, double swingBeta, int maxUserItems, int maxItemUsers, int threads,
    double easeLambda, int easeNeighbors, FeedbackTransform transform) {
  public static final int MAX_K = 10_000;

  public SimilarityConfig {
    if (k < 1 || k > MAX_K) {
      throw new IllegalArgumentException("k must be in [1, " + MAX_K + "], was " + k);
    }
    if (!(swingAlpha > 0) || Double.isInfinite(swingAlpha)) {
      throw new IllegalArgumentException("Swing alpha must be finite and > 0, was " + swingAlpha);
    }
    if (!(swingBeta >= 0) || Double.isInfinite(swingBeta)) {
      throw new IllegalArgumentException("Swing beta must be finite and ≥ 0, was " + swingBeta);
    }
    if (maxUserItems < 0) {
      throw new IllegalArgumentException("max user items must be ≥ 0 (0 = no cap), was " + maxUserItems);
    }
    if (maxItemUsers < 0) {
      throw new IllegalArgumentException("max item users must be ≥ 0 (0 = no cap), was " + maxItemUsers);
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be ≥ 1, was " + threads);
    }
    if (!(easeLambda > 0) || Double.isInfinite(easeLambda)) {
      throw new IllegalArgumentException("EASE lambda must be finite and > 0, was " + easeLambda);
    }
    java.util.Objects.requireNonNull(transform, "transform");
    if (easeNeighbors < 1 || easeNeighbors > MAX_K) {
      throw new IllegalArgumentException("EASE neighbours must be in [1, " + MAX_K + "], was " + easeNeighbors);
    }
  }

  /**
   * Weights EASE keeps per row by default. More help EASE alone a little (ml-100k random NDCG@10 0.466 with 200,
   * 0.469 with 500) but not the ranking pipeline (BENCHMARKS.md), and each costs 8 bytes in the snapshot.
   */
  public static final int DEFAULT_EASE_NEIGHBORS = 200;

  /**
   * k 10, α 1, β 0, no caps, one thread per available processor, EASE λ 500 keeping 200 weights per row, the
   * default feedback transform.
   */
  public static SimilarityConfig defaults() {
    return new SimilarityConfig(10, 1, 0, 0, 0, Runtime.getRuntime().availableProcessors(), 500,
        DEFAULT_EASE_NEIGHBORS, FeedbackTransform.DEFAULT);
  }

  /** Neighbours kept per row by {@code algorithm}: {@link #easeNeighbors} for EASE, {@link #k} for the others. */
  public int neighbors(Algorithm algorithm) {
    return algorithm.isEase() ? easeNeighbors : k;
  }

  public SimilarityConfig withK(int k) {
    return new SimilarityConfig(k, swingAlpha, swingBeta, maxUserItems, maxItemUsers, threads, easeLambda, easeNeighbors, transform);
  }

  public SimilarityConfig withSwingAlpha(double swingAlpha) {
    return new SimilarityConfig(k, swingAlpha, swingBeta, maxUserItems, maxItemUsers, threads, easeLambda, easeNeighbors, transform);
  }

  public SimilarityConfig withSwingBeta(double swingBeta) {
    return new SimilarityConfig(k, swingAlpha, swingBeta, maxUserItems, maxItemUsers, threads, easeLambda, easeNeighbors, transform);
  }

  public SimilarityConfig withMaxUserItems(int maxUserItems) {
    return new SimilarityConfig(k, swingAlpha, swingBeta, maxUserItems, maxItemUsers, threads, easeLambda, easeNeighbors, transform);
  }

  public SimilarityConfig withMaxItemUsers(int maxItemUsers) {
    return new SimilarityConfig(k, swingAlpha, swingBeta, maxUserItems, maxItemUsers, threads, easeLambda, easeNeighbors, transform);
  }

  public SimilarityConfig withThreads(int threads) {
    return new SimilarityConfig(k, swingAlpha, swingBeta, maxUserItems, maxItemUsers, threads, easeLambda, easeNeighbors, transform);
  }

  public SimilarityConfig withEaseLambda(double easeLambda) {
    return new SimilarityConfig(k, swingAlpha, swingBeta, maxUserItems, maxItemUsers, threads, easeLambda, easeNeighbors, transform);
  }

  public SimilarityConfig withEaseNeighbors(int easeNeighbors) {
    return new SimilarityConfig(k, swingAlpha, swingBeta, maxUserItems, maxItemUsers, threads, easeLambda, easeNeighbors, transform);
  }

  public SimilarityConfig withTransform(FeedbackTransform transform) {
    return new SimilarityConfig(k, swingAlpha, swingBeta, maxUserItems, maxItemUsers, threads, easeLambda, easeNeighbors,
        transform);
  }
}
