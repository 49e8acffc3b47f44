package dev.funnel.retrieval.online;

import dev.funnel.core.util.TopK;

/**
 * Per-thread scratch for one retrieval: dense score sums over the catalogue, the list of items touched, and the
 * user's seen items. Cost is proportional to what a request touches, never to the catalogue: {@link #top}
 * clears exactly what was set. Not thread-safe; retrievers keep one per thread.
 */
final class ScoreAccumulator {
  private final float[] sums;
  private final boolean[] touched;
  private final boolean[] seen;
  private final int[] touchedItems;
  private int touchedCount;

  ScoreAccumulator(int items) {
    sums = new float[items];
    touched = new boolean[items];
    seen = new boolean[items];
    touchedItems = new int[items];
  }

  /** Marks the history's items as seen; they are never returned. Items outside the catalogue are ignored. */
  void markSeen(UserHistory history) {
    for (int k = 0; k < history.length(); k++) {
      int item = history.items()[k];
      if (item >= 0 && item < seen.length) {
        seen[item] = true;
      }
    }
  }

  void add(int item, float delta) {
    if (!touched[item]) {
      touched[item] = true;
      touchedItems[touchedCount++] = item;
    }
    sums[item] += delta;
  }

  /** The best {@code n} unseen touched items; resets the scratch, including the seen marks of {@code history}. */
  ScoredItems top(int n, UserHistory history) {
    TopK best = new TopK(Math.min(n, touchedCount));
    for (int k = 0; k < touchedCount; k++) {
      int item = touchedItems[k];
      if (!seen[item]) {
        best.offer(item, sums[item]);
      }
      sums[item] = 0;
      touched[item] = false;
    }
    touchedCount = 0;
    for (int k = 0; k < history.length(); k++) {
      int item = history.items()[k];
      if (item >= 0 && item < seen.length) {
        seen[item] = false;
      }
    }
    int[] items = new int[best.size()];
    float[] scores = new float[best.size()];
    best.drainInto(items, scores);
    return new ScoredItems(items, scores);
  }
}
