package dev.funnel.twotower.dae;

import dev.funnel.core.util.TopK;
import dev.funnel.retrieval.online.Retriever;
import dev.funnel.retrieval.online.ScoredItems;
import dev.funnel.retrieval.online.UserHistory;

/**
 * The autoencoder channel: the hidden layer of the live history, then an exact scan of every item's score (one
 * dot product of the hidden width per item), the history's items left out. Thread-safe.
 */
public final class DaeRetriever implements Retriever {
  public static final String NAME = "dae";

  private final DaeModel model;

  public DaeRetriever(DaeModel model) {
    this.model = model;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ScoredItems retrieve(UserHistory history, int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be ≥ 1, was " + n);
    }
    float[] h = model.encode(history.items(), 0, history.length());
    if (h == null) {
      return ScoredItems.NONE;
    }
    boolean[] seen = new boolean[model.numItems()];
    for (int k = 0; k < history.length(); k++) {
      int item = history.items()[k];
      if (item >= 0 && item < seen.length) {
        seen[item] = true;
      }
    }
    TopK top = new TopK(n);
    for (int i = 0; i < seen.length; i++) {
      if (!seen[i]) {
        top.offer(i, model.score(h, i));
      }
    }
    int[] items = new int[top.size()];
    float[] scores = new float[items.length];
    top.drainInto(items, scores);
    return new ScoredItems(items, scores);
  }
}
