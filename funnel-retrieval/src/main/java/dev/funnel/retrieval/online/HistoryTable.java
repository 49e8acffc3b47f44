package dev.funnel.retrieval.online;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Each user's items in time order (oldest first) with the interaction values, over heap arrays or memory-mapped
 * snapshot files alike. Thread-safe (absolute reads only).
 */
public final class HistoryTable {
  private final IntBuffer offsets;
  private final IntBuffer items;
  private final FloatBuffer values;

  public HistoryTable(IntBuffer offsets, IntBuffer items, FloatBuffer values) {
    if (items.limit() != values.limit() || offsets.get(offsets.limit() - 1) != items.limit()) {
      throw new IllegalArgumentException("inconsistent history table: " + offsets.limit() + " offsets, "
          + items.limit() + " items, " + values.limit() + " values");
    }
    this.offsets = offsets;
    this.items = items;
    this.values = values;
  }

  public int users() {
    return offsets.limit() - 1;
  }

  /** Whether {@code user} is a dense id this table knows. */
  public boolean knows(int user) {
    return user >= 0 && user < users();
  }

  public int start(int user) {
    return offsets.get(user);
  }

  public int end(int user) {
    return offsets.get(user + 1);
  }

  public int item(int position) {
    return items.get(position);
  }

  public float value(int position) {
    return values.get(position);
  }
}
