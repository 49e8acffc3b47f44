package dev.funnel.rank.features;

import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeRetriever;

/** The autoencoder's score of each candidate: the hidden layer of the request's history against item rows. */
public final class DaePairScorer implements PairScorer {
  private final DaeModel model;

  public DaePairScorer(DaeModel model) {
    this.model = model;
  }

  /** The model as the ranking pipeline's pair model: this scorer and its channel. */
  public static PairTraining.PairModel pairModel(DaeModel model) {
    return new PairTraining.PairModel(new DaePairScorer(model), new DaeRetriever(model));
  }

  @Override
  public void score(UserHistory history, int[] items, int count, float[] out) {
    float[] h = model.encode(history.items(), 0, history.length());
    for (int i = 0; i < count; i++) {
      out[i] = h == null ? Float.NaN : model.score(h, items[i]);
    }
  }
}
