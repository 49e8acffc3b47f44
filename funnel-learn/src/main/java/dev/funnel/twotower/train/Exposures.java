package dev.funnel.twotower.train;

/**
 * An impression log: item {@code items[k]} was shown to user {@code users[k]} (dense ids). Pairs the user
 * interacted with in training are not negatives and are dropped when the sampler is built; repeats are allowed.
 *
 * @param users dense user ids
 * @param items dense item ids, parallel to {@code users}
 */
public record Exposures(int[] users, int[] items) {
  /** No exposures. */
  public static final Exposures NONE = new Exposures(new int[0], new int[0]);

  /** @throws IllegalArgumentException if the arrays differ in length */
  public Exposures {
    if (users.length != items.length) {
      throw new IllegalArgumentException("exposures: " + users.length + " users but " + items.length + " items");
    }
  }

  public int size() {
    return users.length;
  }
}
