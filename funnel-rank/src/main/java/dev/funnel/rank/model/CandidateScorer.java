package dev.funnel.rank.model;

/**
 * A model that scores candidates from their feature vectors (see
 * {@link dev.funnel.rank.features.FeatureExtractor}): the pre-ranker and the ranker. Higher is better. Thread-safe.
 */
public interface CandidateScorer {
  /** A short name for explanations and reports. */
  String name();

  /** Scores rows {@code [0, rows)} of the row-major {@code features} ({@code dimension} floats each) into {@code out}. */
  void score(float[] features, int rows, int dimension, float[] out);
}
