package dev.funnel.core.util;

import dev.funnel.core.data.InteractionMatrix;

/**
 * Answers "has this user interacted with this item?" in O(1) during one recommendation, with a per-thread
 * {@code boolean[items]} scratch marked from the user's row and unmarked afterwards (O(degree) per request, no
 * allocation). Thread-safe.
 */
public final class SeenItems {
  private final InteractionMatrix interactions;
  private final ThreadLocal<boolean[]> scratch;

  public SeenItems(InteractionMatrix interactions) {
    this.interactions = interactions;
    this.scratch = ThreadLocal.withInitial(() -> new boolean[interactions.numItems()]);
  }

  /**
   * Marks {@code user}'s items and returns the mask; pass it to {@link #release} when done. Users outside the
   * matrix (cold) get an empty mask.
   */
  public boolean[] acquire(int user) {
    boolean[] mask = scratch.get();
    forEachItem(user, mask, true);
    return mask;
  }

  public void release(int user, boolean[] mask) {
    forEachItem(user, mask, false);
  }

  private void forEachItem(int user, boolean[] mask, boolean value) {
    if (user < 0 || user >= interactions.numUsers()) {
      return;
    }
    int[] offsets = interactions.userOffsets();
    int[] items = interactions.userItems();
    for (int p = offsets[user]; p < offsets[user + 1]; p++) {
      mask[items[p]] = value;
    }
  }
}
