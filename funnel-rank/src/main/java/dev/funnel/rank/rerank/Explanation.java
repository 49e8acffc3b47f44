package dev.funnel.rank.rerank;

/**
 * One change a re-ranker made to one item, e.g. {@code mmr: moved 7 → 3}. Positions in messages are 1-based.
 *
 * @param item the dense item id
 * @param stage the re-ranker that made the change, e.g. {@code mmr}
 * @param message what it did
 */
public record Explanation(int item, String stage, String message) {

  @Override
  public String toString() {
    return stage + ": " + message;
  }
}
