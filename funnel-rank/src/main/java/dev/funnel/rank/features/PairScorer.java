package dev.funnel.rank.features;

import dev.funnel.retrieval.online.UserHistory;

/**
 * A model that scores any (user, item) pair, such as the two-tower cosine. It scores a whole candidate list at
 * once so that the user's side is computed once per request.
 */
@FunctionalInterface
public interface PairScorer {
  /** Writes the score of each of {@code items[0..count)} into {@code out}; NaN where the model has no score. */
  void score(UserHistory history, int[] items, int count, float[] out);
}
