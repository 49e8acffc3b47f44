package dev.funnel.rank.train;

/**
 * The impression log as the ranker's training sees it: items shown to a user that the user did not act on. They
 * are negatives the model was actually judged on, unlike retrieved candidates the user may never have seen.
 */
@FunctionalInterface
public interface ShownItems {
  /** No impression log. */
  ShownItems NONE = (user, from) -> new int[0];

  /** Dense ids of the items shown to {@code user} from {@code from} on (epoch seconds) without an action. */
  int[] shownNotActed(int user, long from);
}
