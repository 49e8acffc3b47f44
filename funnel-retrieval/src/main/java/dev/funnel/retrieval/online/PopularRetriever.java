package dev.funnel.retrieval.online;

import java.nio.IntBuffer;

/**
 * The fallback channel: items by number of users, most first (ties by id), skipping the user's history. Works
 * for everyone, including cold users. Cost O(history + n + skipped) per request.
 */
public final class PopularRetriever implements Retriever {
  private final IntBuffer ranked;
  private final IntBuffer userCounts;
  private final ThreadLocal<boolean[]> seen;

  /**
   * @param ranked item ids, most popular first
   * @param userCounts number of users per item id
   */
  public PopularRetriever(IntBuffer ranked, IntBuffer userCounts) {
    this.ranked = ranked;
    this.userCounts = userCounts;
    this.seen = ThreadLocal.withInitial(() -> new boolean[userCounts.limit()]);
  }

  @Override
  public String name() {
    return "popular";
  }

  @Override
  public ScoredItems retrieve(UserHistory history, int n) {
    boolean[] mask = seen.get();
    setSeen(mask, history, true);
    try {
      int limit = Math.min(n, ranked.limit());
      int[] items = new int[limit];
      float[] scores = new float[limit];
      int count = 0;
      for (int r = 0; r < ranked.limit() && count < limit; r++) {
        int item = ranked.get(r);
        if (!mask[item]) {
          items[count] = item;
          scores[count++] = userCounts.get(item);
        }
      }
      return count == limit ? new ScoredItems(items, scores)
          : new ScoredItems(java.util.Arrays.copyOf(items, count), java.util.Arrays.copyOf(scores, count));
    } finally {
      setSeen(mask, history, false);
    }
  }

  private static void setSeen(boolean[] mask, UserHistory history, boolean value) {
    for (int k = 0; k < history.length(); k++) {
      int item = history.items()[k];
      if (item >= 0 && item < mask.length) {
        mask[item] = value;
      }
    }
  }
}
