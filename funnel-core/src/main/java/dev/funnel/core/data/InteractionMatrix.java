package dev.funnel.core.data;

import it.unimi.dsi.fastutil.ints.IntArrays;
import java.util.BitSet;
import java.util.function.IntPredicate;

/**
 * The user × item interaction matrix, stored twice: CSR by user, each user's items in time order (oldest first,
 * equal timestamps by item id), and CSC by item, each item's users in id order. One entry per distinct
 * (user, item) pair with its aggregated value and latest timestamp.
 *
 * <p>The arrays are shared, not copied, for speed: callers must treat everything this class returns as read-only.
 * Memory is {@code 24·nnz + 4·(users + items)} bytes. Immutable and thread-safe.
 *
 * <p>Position {@code p} in {@code userOffsets[u] ≤ p < userOffsets[u+1]} identifies one interaction; splits select
 * interactions by these positions.
 */
public final class InteractionMatrix {
  private final int numUsers;
  private final int numItems;
  private final int[] userOffsets;
  private final int[] userItems;
  private final float[] userValues;
  private final long[] userTimes;
  private final int[] itemOffsets;
  private final int[] itemUsers;
  private final float[] itemValues;

  private InteractionMatrix(
      int numUsers, int numItems, int[] userOffsets, int[] userItems, float[] userValues, long[] userTimes) {
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.userOffsets = userOffsets;
    this.userItems = userItems;
    this.userValues = userValues;
    this.userTimes = userTimes;
    int nnz = userItems.length;
    this.itemOffsets = new int[numItems + 1];
    for (int item : userItems) {
      itemOffsets[item + 1]++;
    }
    for (int i = 0; i < numItems; i++) {
      itemOffsets[i + 1] += itemOffsets[i];
    }
    this.itemUsers = new int[nnz];
    this.itemValues = new float[nnz];
    int[] next = java.util.Arrays.copyOf(itemOffsets, numItems);
    for (int u = 0; u < numUsers; u++) { // users ascending, so each item's users come out sorted
      for (int p = userOffsets[u]; p < userOffsets[u + 1]; p++) {
        int slot = next[userItems[p]]++;
        itemUsers[slot] = u;
        itemValues[slot] = userValues[p];
      }
    }
  }

  /**
   * Builds a matrix from distinct (user, item) entries in any order. The arrays are consumed: the caller must not
   * use them afterwards.
   *
   * @throws IllegalArgumentException if ids are out of range, arrays differ in length or a pair repeats
   */
  public static InteractionMatrix of(int numUsers, int numItems, int[] users, int[] items, float[] values, long[] times) {
    int nnz = users.length;
    if (items.length != nnz || values.length != nnz || times.length != nnz) {
      throw new IllegalArgumentException(
          "array lengths differ: users " + nnz + ", items " + items.length + ", values " + values.length
              + ", times " + times.length);
    }
    int[] offsets = new int[numUsers + 1];
    for (int k = 0; k < nnz; k++) {
      checkRange("user", users[k], numUsers);
      checkRange("item", items[k], numItems);
      offsets[users[k] + 1]++;
    }
    for (int u = 0; u < numUsers; u++) {
      offsets[u + 1] += offsets[u];
    }
    int[] order = new int[nnz];
    int[] next = java.util.Arrays.copyOf(offsets, numUsers);
    for (int k = 0; k < nnz; k++) {
      order[next[users[k]]++] = k;
    }
    for (int u = 0; u < numUsers; u++) {
      IntArrays.quickSort(order, offsets[u], offsets[u + 1], (a, b) -> {
        int c = Long.compare(times[a], times[b]);
        return c != 0 ? c : Integer.compare(items[a], items[b]);
      });
    }
    int[] rowItems = new int[nnz];
    float[] rowValues = new float[nnz];
    long[] rowTimes = new long[nnz];
    for (int p = 0; p < nnz; p++) {
      rowItems[p] = items[order[p]];
      rowValues[p] = values[order[p]];
      rowTimes[p] = times[order[p]];
    }
    InteractionMatrix matrix = new InteractionMatrix(numUsers, numItems, offsets, rowItems, rowValues, rowTimes);
    matrix.checkDistinctPairs();
    return matrix;
  }

  private static void checkRange(String what, int id, int size) {
    if (id < 0 || id >= size) {
      throw new IllegalArgumentException(what + " id " + id + " outside [0, " + size + ")");
    }
  }

  private void checkDistinctPairs() {
    for (int i = 0; i < numItems; i++) {
      for (int p = itemOffsets[i] + 1; p < itemOffsets[i + 1]; p++) {
        if (itemUsers[p] == itemUsers[p - 1]) {
          throw new IllegalArgumentException("repeated (user, item) pair (" + itemUsers[p] + ", " + i + ")");
        }
      }
    }
  }

  /**
   * The same interactions with other values, {@code values[p]} for CSR position {@code p}; the array is consumed.
   *
   * @throws IllegalArgumentException if its length is not {@link #nnz()}
   */
  public InteractionMatrix withValues(float[] values) {
    if (values.length != nnz()) {
      throw new IllegalArgumentException("expected " + nnz() + " values, got " + values.length);
    }
    return new InteractionMatrix(numUsers, numItems, userOffsets, userItems, values, userTimes);
  }

  /** The interactions at the CSR positions for which {@code keep} holds, with the same users and items. */
  public InteractionMatrix select(IntPredicate keep) {
    BitSet kept = new BitSet(nnz());
    for (int p = 0; p < nnz(); p++) {
      if (keep.test(p)) {
        kept.set(p);
      }
    }
    int count = kept.cardinality();
    int[] offsets = new int[numUsers + 1];
    int[] items = new int[count];
    float[] values = new float[count];
    long[] times = new long[count];
    int q = 0;
    for (int u = 0; u < numUsers; u++) {
      for (int p = userOffsets[u]; p < userOffsets[u + 1]; p++) {
        if (kept.get(p)) {
          items[q] = userItems[p];
          values[q] = userValues[p];
          times[q] = userTimes[p];
          q++;
        }
      }
      offsets[u + 1] = q;
    }
    return new InteractionMatrix(numUsers, numItems, offsets, items, values, times);
  }

  public int numUsers() {
    return numUsers;
  }

  public int numItems() {
    return numItems;
  }

  /** Number of stored (user, item) interactions. */
  public int nnz() {
    return userItems.length;
  }

  /** Number of distinct items user {@code u} interacted with. */
  /** Whether {@code (user, item)} is an interaction: O(log users of the item). */
  public boolean contains(int user, int item) {
    return item >= 0 && item < numItems
        && java.util.Arrays.binarySearch(itemUsers, itemOffsets[item], itemOffsets[item + 1], user) >= 0;
  }

  public int userDegree(int u) {
    return userOffsets[u + 1] - userOffsets[u];
  }

  /** Number of distinct users who interacted with item {@code i}. */
  public int itemDegree(int i) {
    return itemOffsets[i + 1] - itemOffsets[i];
  }

  /** Every item's number of users, by item id. */
  public int[] itemDegrees() {
    int[] degrees = new int[numItems];
    for (int i = 0; i < numItems; i++) {
      degrees[i] = itemDegree(i);
    }
    return degrees;
  }

  /** Item ids by number of users, most first, ties by id (Funnel's tie rule). O(items log items). */
  public int[] itemsByPopularity() {
    dev.funnel.core.util.TopK ranking = new dev.funnel.core.util.TopK(numItems);
    for (int i = 0; i < numItems; i++) {
      ranking.offer(i, itemDegree(i));
    }
    return ranking.drainIds();
  }

  /** CSR row starts: user {@code u}'s interactions are at positions {@code [userOffsets[u], userOffsets[u+1])}. */
  public int[] userOffsets() {
    return userOffsets;
  }

  /** CSR items, each user's in time order. */
  public int[] userItems() {
    return userItems;
  }

  /** CSR values (aggregated weights), parallel to {@link #userItems()}. */
  public float[] userValues() {
    return userValues;
  }

  /** CSR timestamps in epoch seconds, parallel to {@link #userItems()}, ascending within each user. */
  public long[] userTimes() {
    return userTimes;
  }

  /** CSC column starts: item {@code i}'s users are at positions {@code [itemOffsets[i], itemOffsets[i+1])}. */
  public int[] itemOffsets() {
    return itemOffsets;
  }

  /** CSC users, each item's in ascending id order. */
  public int[] itemUsers() {
    return itemUsers;
  }

  /** CSC values, parallel to {@link #itemUsers()}. */
  public float[] itemValues() {
    return itemValues;
  }

  /** Bytes held by the arrays (what the matrix costs in memory, object headers aside). */
  public long sizeInBytes() {
    return 4L * (userOffsets.length + itemOffsets.length) + 24L * nnz();
  }
}
