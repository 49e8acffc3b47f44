package dev.funnel.retrieval.online;

/**
 * A retriever's answer: item ids best first with their scores. The arrays are owned by this object.
 *
 * @param items item ids, best first
 * @param scores the channel's scores, parallel to {@code items}
 */
public record ScoredItems(int[] items, float[] scores) {
  public static final ScoredItems NONE = new ScoredItems(new int[0], new float[0]);

  public ScoredItems {
    if (items.length != scores.length) {
      throw new IllegalArgumentException(items.length + " items but " + scores.length + " scores");
    }
  }

  public int size() {
    return items.length;
  }
}
