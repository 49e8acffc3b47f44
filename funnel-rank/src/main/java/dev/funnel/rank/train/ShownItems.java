package dev.funnel.rank.train;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.Arrays;

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

  /**
   * A table of shown-and-not-acted-on items, one entry per showing (parallel arrays, any order). O(n log n) to
   * build; a lookup is a binary search in the user's showings plus a copy of the answer. Entries with a negative
   * user or item are skipped; an item shown twice from {@code from} on is returned twice.
   *
   * @throws IllegalArgumentException if the arrays differ in length
   */
  static ShownItems of(int numUsers, int[] users, int[] items, long[] times) {
    if (users.length != items.length || items.length != times.length) {
      throw new IllegalArgumentException("shown items need as many users, items and times: " + users.length + ", "
          + items.length + ", " + times.length);
    }
    int[] order = new int[users.length];
    int kept = 0;
    for (int k = 0; k < users.length; k++) {
      if (users[k] >= 0 && users[k] < numUsers && items[k] >= 0) {
        order[kept++] = k;
      }
    }
    int[] byUserAndTime = Arrays.copyOf(order, kept);
    IntArrays.quickSort(byUserAndTime, (a, b) -> users[a] != users[b] ? Integer.compare(users[a], users[b])
        : Long.compare(times[a], times[b]));
    int[] offsets = new int[numUsers + 1];
    int[] sortedItems = new int[kept];
    long[] sortedTimes = new long[kept];
    for (int k = 0; k < kept; k++) {
      int e = byUserAndTime[k];
      offsets[users[e] + 1]++;
      sortedItems[k] = items[e];
      sortedTimes[k] = times[e];
    }
    for (int u = 0; u < numUsers; u++) {
      offsets[u + 1] += offsets[u];
    }
    return (user, from) -> {
      if (user < 0 || user >= numUsers) {
        return new int[0];
      }
      int lo = offsets[user];
      int hi = offsets[user + 1];
      while (lo < hi) { // the first showing at or after `from`
        int mid = (lo + hi) >>> 1;
        if (sortedTimes[mid] < from) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return Arrays.copyOfRange(sortedItems, lo, offsets[user + 1]);
    };
  }
}
