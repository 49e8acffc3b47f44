package dev.funnel.rank.features;

import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.ann.VectorIndex;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerRetriever;

/** The two-tower model's score of each candidate: the user vector from the request's history against item vectors. */
public final class TwoTowerPairScorer implements PairScorer {
  private final TwoTowerModel model;

  public TwoTowerPairScorer(TwoTowerModel model) {
    this.model = model;
  }

  /** The model as the ranking pipeline's pair model: this scorer and its retriever over an exact heap index. */
  public static PairTraining.PairModel pairModel(TwoTowerModel model) {
    return new PairTraining.PairModel(new TwoTowerPairScorer(model),
        new TwoTowerRetriever(model, VectorIndex.inMemory(model.itemVectors(), model.dim())));
  }

  @Override
  public void score(UserHistory history, int[] items, int count, float[] out) {
    float[] user = model.userVector(history);
    for (int i = 0; i < count; i++) {
      int item = items[i];
      out[i] = item >= 0 && item < model.numItems() ? TwoTowerModel.score(user, model.itemVector(item)) : Float.NaN;
    }
  }
}
