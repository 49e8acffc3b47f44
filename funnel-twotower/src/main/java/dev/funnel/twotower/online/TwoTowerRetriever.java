package dev.funnel.twotower.online;

import dev.funnel.retrieval.online.Retriever;
import dev.funnel.retrieval.online.ScoredItems;
import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.ann.ItemFilter;
import dev.funnel.twotower.ann.VectorIndex;
import dev.funnel.twotower.model.TwoTowerModel;
import java.util.Arrays;

/**
 * The two-tower channel: the user tower's vector for the live history (plain Java, so users unknown at training
 * time get one too), then the item index's nearest items by cosine, the user's items excluded inside the search.
 * Joins a {@link dev.funnel.retrieval.online.MultiChannelRetriever} like the CF channels. Thread-safe.
 */
public final class TwoTowerRetriever implements Retriever {
  public static final String NAME = "twotower";

  private final TwoTowerModel model;
  private final VectorIndex index;

  /** @throws IllegalArgumentException if the index does not hold the model's item vectors */
  public TwoTowerRetriever(TwoTowerModel model, VectorIndex index) {
    if (index.dim() != model.dim() || index.size() != model.numItems()) {
      throw new IllegalArgumentException("the index holds " + index.size() + " vectors of " + index.dim()
          + " dimensions; the model has " + model.numItems() + " items of " + model.dim());
    }
    this.model = model;
    this.index = index;
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
    float[] user = model.userVector(history);
    if (isZero(user)) {
      return ScoredItems.NONE;
    }
    return index.search(user, n, ItemFilter.excluding(Arrays.copyOf(history.items(), history.length())));
  }

  private static boolean isZero(float[] vector) {
    for (float x : vector) {
      if (x != 0) {
        return false;
      }
    }
    return true;
  }
}
