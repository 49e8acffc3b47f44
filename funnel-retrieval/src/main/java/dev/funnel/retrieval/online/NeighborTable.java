package dev.funnel.retrieval.online;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;

/**
 * Read-only neighbour lists in CSR form, over heap arrays or memory-mapped snapshot files alike: id {@code x}'s
 * neighbours are at positions {@code [offsets[x], offsets[x+1])}, best first. Thread-safe (absolute reads only).
 */
public final class NeighborTable {
  private final IntBuffer offsets;
  private final IntBuffer neighbors;
  private final FloatBuffer scores;

  public NeighborTable(IntBuffer offsets, IntBuffer neighbors, FloatBuffer scores) {
    if (neighbors.limit() != scores.limit() || offsets.get(offsets.limit() - 1) != neighbors.limit()) {
      throw new IllegalArgumentException("inconsistent neighbour table: " + offsets.limit() + " offsets, "
          + neighbors.limit() + " neighbours, " + scores.limit() + " scores");
    }
    this.offsets = offsets;
    this.neighbors = neighbors;
    this.scores = scores;
  }

  /** Number of ids with a (possibly empty) list. */
  public int size() {
    return offsets.limit() - 1;
  }

  public int start(int id) {
    return offsets.get(id);
  }

  public int end(int id) {
    return offsets.get(id + 1);
  }

  public int neighbor(int position) {
    return neighbors.get(position);
  }

  public float score(int position) {
    return scores.get(position);
  }
}
