package dev.funnel.retrieval.cf;

import dev.funnel.core.util.TopK;

/**
 * Per-thread scratch for one row, of the single-node builders and the Spark jobs alike: dense double sums over all
 * ids plus the list of ids touched, so that a row costs what it touches, never the size of the catalogue. Not
 * thread-safe.
 */
public final class RowAccumulator {
  /** Turns a row's raw sum for one neighbour into its similarity. */
  public interface Normalizer {
    double similarity(int neighbor, double sum);
  }

  private final double[] sums;
  private final boolean[] touched;
  private final int[] touchedIds;
  private int touchedCount;

  public RowAccumulator(int ids) {
    sums = new double[ids];
    touched = new boolean[ids];
    touchedIds = new int[ids];
  }

  public void add(int id, double delta) {
    if (!touched[id]) {
      touched[id] = true;
      touchedIds[touchedCount++] = id;
    }
    sums[id] += delta;
  }

  /**
   * Offers every touched id except {@code self} whose normalised similarity is &gt; 0 (as stored, in float) to
   * {@code best}, then clears the scratch.
   */
  public void drainTo(int self, Normalizer normalizer, TopK best) {
    for (int t = 0; t < touchedCount; t++) {
      int id = touchedIds[t];
      if (id != self) {
        float similarity = (float) normalizer.similarity(id, sums[id]);
        if (similarity > 0) {
          best.offer(id, similarity);
        }
      }
      sums[id] = 0;
      touched[id] = false;
    }
    touchedCount = 0;
  }
}
