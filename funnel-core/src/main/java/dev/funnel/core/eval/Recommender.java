package dev.funnel.core.eval;

/**
 * A fitted model as the evaluator sees it: full ranking for one user. Implementations must be safe to call from
 * several threads at once.
 */
@FunctionalInterface
public interface Recommender {
  /**
   * The best {@code n} items for {@code user}, best first, never an item the user interacted with in the
   * training data, never the same item twice. May return fewer than {@code n} (a cold user may get none), never
   * null.
   *
   * @param n how many items, at least 1
   * @throws IllegalArgumentException if {@code n < 1}
   */
  int[] recommend(int user, int n);
}
