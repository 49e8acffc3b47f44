package dev.funnel.rank.features;

import dev.funnel.core.data.Dataset;
import dev.funnel.retrieval.online.Retriever;
import java.util.Map;

/**
 * How a pipeline's learned channels (the two-tower, the autoencoder) are trained for its ranking stages. Training
 * data are built fold by fold, so the models are trained once per fold on that fold's visible data only: a model
 * that had seen the labels would score them from memory. The first is the pair model of the features.
 */
@FunctionalInterface
public interface PairTraining {
  /** No learned channel: the pair-score feature stays missing. */
  PairTraining NONE = visible -> Map.of();

  /** A trained model: its score of any candidate (the {@code pair.score} feature) and its retrieval channel. */
  record PairModel(PairScorer scorer, Retriever channel) {}

  /** The models trained on {@code visible}, by channel name, in merge order. */
  Map<String, PairModel> fit(Dataset visible);

  /** The pair model's scorer among {@code models} (the first), or null when there is none. */
  static PairScorer pairScorer(Map<String, PairModel> models) {
    return models.isEmpty() ? null : models.values().iterator().next().scorer();
  }
}
