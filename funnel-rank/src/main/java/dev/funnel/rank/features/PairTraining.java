package dev.funnel.rank.train;

import dev.funnel.core.data.Dataset;
import dev.funnel.rank.features.PairScorer;
import dev.funnel.retrieval.online.Retriever;

/**
 * How a pair model (such as the two-tower) is trained for the ranking pipeline. Training data are built fold by
 * fold, so the model is trained once per fold on that fold's visible data only: a model that had seen the labels
 * would score them from memory.
 */
@FunctionalInterface
public interface PairTraining {
  /** No pair model: the pair-score feature stays missing and no channel is added. */
  PairTraining NONE = visible -> null;

  /**
   * A trained pair model: its score of any candidate (the {@code pair.score} feature) and its own retrieval
   * channel, which joins the merge after the CF channels.
   */
  record PairModel(PairScorer scorer, Retriever channel) {}

  /** A model trained on {@code visible}, or null for none. */
  PairModel fit(Dataset visible);
}
