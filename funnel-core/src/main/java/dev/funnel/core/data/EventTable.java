package dev.funnel.core.data;

import it.unimi.dsi.fastutil.longs.LongArrays;
import java.util.Arrays;
import java.util.List;

/**
 * Raw typed events, as read, in time order (equal times keep the order they were read in): what the feature
 * store's windowed aggregations are computed from. Users and items are the dataset's dense ids; a type is an index
 * into {@link #typeNames()}. Columnar, 21 bytes per event.
 *
 * @param users user id per event
 * @param items item id per event
 * @param types type index per event
 * @param values the event's value, NaN when it had none
 * @param times epoch seconds per event, ascending
 * @param typeNames event type names (lower case), by index
 */
public record EventTable(int[] users, int[] items, byte[] types, float[] values, long[] times,
    List<String> typeNames) {
  /** No events: a dataset read without keeping them. */
  public static final EventTable NONE =
      new EventTable(new int[0], new int[0], new byte[0], new float[0], new long[0], List.of());

  public EventTable {
    int n = users.length;
    if (items.length != n || types.length != n || values.length != n || times.length != n) {
      throw new IllegalArgumentException("event columns differ in length");
    }
    for (int k = 1; k < n; k++) {
      if (times[k] < times[k - 1]) {
        throw new IllegalArgumentException("events must be in time order; event " + k + " precedes event " + (k - 1));
      }
    }
    typeNames = List.copyOf(typeNames);
  }

  public int size() {
    return users.length;
  }

  /** The index of {@code type} (lower case) in {@link #typeNames()}, or -1. */
  public int type(String type) {
    return typeNames.indexOf(type);
  }

  /** The events of the pairs {@code interactions} holds, in the same order. */
  public EventTable of(InteractionMatrix interactions) {
    int n = size();
    int kept = 0;
    int[] index = new int[n];
    for (int k = 0; k < n; k++) {
      if (interactions.contains(users[k], items[k])) {
        index[kept++] = k;
      }
    }
    return kept == n ? this : gather(users, items, types, values, times, typeNames, index, kept);
  }

  /** Events given in arrival order, put into time order (equal times keep arrival order). */
  public static EventTable inTimeOrder(int[] users, int[] items, byte[] types, float[] values, long[] times,
      List<String> typeNames) {
    return sorted(users, items, types, values, times, times.length, typeNames);
  }

  /**
   * Puts events given in arrival order into time order, stably (equal times keep arrival order).
   *
   * @param n how many leading entries of the arrays are events
   */
  static EventTable sorted(int[] users, int[] items, byte[] types, float[] values, long[] times, int n,
      List<String> typeNames) {
    int[] order = new int[n];
    for (int k = 0; k < n; k++) {
      order[k] = k;
    }
    boolean inOrder = true;
    for (int k = 1; k < n && inOrder; k++) {
      inOrder = times[k] >= times[k - 1];
    }
    if (!inOrder) {
      LongArrays.radixSortIndirect(order, Arrays.copyOf(times, n), true);
    }
    return gather(users, items, types, values, times, typeNames, order, n);
  }

  /** The events at {@code index[0 .. n)} of the columns, in that order, as a table. */
  private static EventTable gather(int[] users, int[] items, byte[] types, float[] values, long[] times,
      List<String> typeNames, int[] index, int n) {
    int[] u = new int[n];
    int[] it = new int[n];
    byte[] ty = new byte[n];
    float[] v = new float[n];
    long[] t = new long[n];
    for (int j = 0; j < n; j++) {
      int k = index[j];
      u[j] = users[k];
      it[j] = items[k];
      ty[j] = types[k];
      v[j] = values[k];
      t[j] = times[k];
    }
    return new EventTable(u, it, ty, v, t, typeNames);
  }
}
