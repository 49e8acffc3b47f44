package dev.funnel.core.eval;

/**
 * A fitted model as the evaluator sees it: full ranking for one user. Implementations must be safe to call from
 * several threads at once.
 */
@FunctionalInterface
public interface Recommender {
  /**
   * The best {@code n} items for {@code user}, best first, never an item the user interacted with in the
   * training data. May return fewer than {@code n} (a cold user may get none), never null.
   */
  int[] recommend(int user, int n);
}
