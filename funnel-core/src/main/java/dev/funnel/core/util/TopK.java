package dev.funnel.core.util;

/**
 * Keeps the {@code k} best (id, score) pairs offered to it: higher score first, equal scores by smaller id
 * first (dense ids follow external-id order, so this is Funnel's tie rule). A bounded binary heap over parallel
 * primitive arrays, O(log k) per offer, no allocation after construction; {@link #reset} makes it reusable.
 * Not thread-safe: give each thread its own.
 */
public final class TopK {
  private final int capacity;
  private final int[] ids;
  private final float[] scores;
  private int size;

  public TopK(int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be ≥ 0, was " + k);
    }
    this.capacity = k;
    this.ids = new int[k];
    this.scores = new float[k];
  }

  public void reset() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** Offers a candidate; NaN scores are rejected. */
  public void offer(int id, float score) {
    if (Float.isNaN(score)) {
      throw new IllegalArgumentException("NaN score for id " + id);
    }
    if (size < capacity) {
      ids[size] = id;
      scores[size] = score;
      siftUp(size++);
    } else if (capacity > 0 && worse(ids[0], scores[0], id, score)) {
      ids[0] = id;
      scores[0] = score;
      siftDown(0);
    }
  }

  /** Whether a candidate with this score could still enter (lets callers skip work). */
  public boolean wouldAccept(float score) {
    return size < capacity || (capacity > 0 && score >= scores[0]);
  }

  /** Ids best first; empties the collector. */
  public int[] drainIds() {
    int[] out = new int[size];
    drainInto(out, null);
    return out;
  }

  /**
   * Writes ids (and scores, if {@code outScores} is not null) best first into the arrays, returns how many, and
   * empties the collector.
   */
  public int drainInto(int[] outIds, float[] outScores) {
    int n = size;
    for (int i = n - 1; i >= 0; i--) {
      outIds[i] = ids[0];
      if (outScores != null) {
        outScores[i] = scores[0];
      }
      size--;
      ids[0] = ids[size];
      scores[0] = scores[size];
      siftDown(0);
    }
    return n;
  }

  /** Whether (idA, scoreA) ranks below (idB, scoreB). The heap keeps the worst at the root. */
  private static boolean worse(int idA, float scoreA, int idB, float scoreB) {
    return scoreA < scoreB || (scoreA == scoreB && idA > idB);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int parent = (i - 1) >>> 1;
      if (!worse(ids[i], scores[i], ids[parent], scores[parent])) {
        return;
      }
      swap(i, parent);
      i = parent;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int left = 2 * i + 1;
      if (left >= size) {
        return;
      }
      int worst = left;
      int right = left + 1;
      if (right < size && worse(ids[right], scores[right], ids[left], scores[left])) {
        worst = right;
      }
      if (!worse(ids[worst], scores[worst], ids[i], scores[i])) {
        return;
      }
      swap(i, worst);
      i = worst;
    }
  }

  private void swap(int a, int b) {
    int id = ids[a];
    ids[a] = ids[b];
    ids[b] = id;
    float s = scores[a];
    scores[a] = scores[b];
    scores[b] = s;
  }
}
