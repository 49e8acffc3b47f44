package dev.funnel.retrieval.cf;

import java.util.Arrays;

/**
 * Neighbour lists in CSR form, one row per id: id {@code x}'s neighbours are {@code neighbors[offsets[x] ..
 * offsets[x+1])} with parallel {@code scores}, best first. The arrays are shared, not copied, for speed: callers
 * must treat them as read-only. Immutable once built and thread-safe.
 */
public final class NeighborIndex {
  private final int[] offsets;
  private final int[] neighbors;
  private final float[] scores;

  private NeighborIndex(int[] offsets, int[] neighbors, float[] scores) {
    this.offsets = offsets;
    this.neighbors = neighbors;
    this.scores = scores;
  }

  /**
   * Wraps CSR arrays without copying them.
   *
   * @throws IllegalArgumentException if {@code offsets} is empty, does not start at 0, decreases, or does not end
   *     at the length of {@code neighbors} and {@code scores}
   */
  public static NeighborIndex of(int[] offsets, int[] neighbors, float[] scores) {
    if (offsets.length == 0 || offsets[0] != 0) {
      throw new IllegalArgumentException("offsets must start with 0 (one more entry than rows)");
    }
    for (int x = 0; x + 1 < offsets.length; x++) {
      if (offsets[x + 1] < offsets[x]) {
        throw new IllegalArgumentException(
            "offsets decrease at row " + x + ": " + offsets[x] + " then " + offsets[x + 1]);
      }
    }
    int end = offsets[offsets.length - 1];
    if (end != neighbors.length || end != scores.length) {
      throw new IllegalArgumentException("offsets end at " + end + " but there are " + neighbors.length
          + " neighbours and " + scores.length + " scores");
    }
    return new NeighborIndex(offsets, neighbors, scores);
  }

  /** Number of rows (ids with a possibly empty list). */
  public int size() {
    return offsets.length - 1;
  }

  public int[] offsets() {
    return offsets;
  }

  public int[] neighbors() {
    return neighbors;
  }

  public float[] scores() {
    return scores;
  }

  /** Number of neighbours of {@code id}. */
  public int degree(int id) {
    return offsets[id + 1] - offsets[id];
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NeighborIndex that
        && Arrays.equals(offsets, that.offsets)
        && Arrays.equals(neighbors, that.neighbors)
        && Arrays.equals(scores, that.scores);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(offsets) + Arrays.hashCode(neighbors)) + Arrays.hashCode(scores);
  }

  @Override
  public String toString() {
    return "NeighborIndex[rows=" + size() + ", neighbours=" + neighbors.length + "]";
  }
}
