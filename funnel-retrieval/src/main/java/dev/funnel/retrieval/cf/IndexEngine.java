package dev.funnel.retrieval.cf;

import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import java.util.function.LongConsumer;

/**
 * Where a model build computes each index's neighbour lists: in this JVM ({@link #LOCAL}, the {@link
 * SimilarityBuilder}s) or elsewhere, such as a Spark job over its own copy of the same interactions. Either way the
 * result is the {@link SimilarityBuilder} contract's index over {@code matrix}'s dense ids.
 */
@FunctionalInterface
public interface IndexEngine {
  /** The single-node builders, on this JVM's threads. */
  IndexEngine LOCAL = (algorithm, config, matrix, itemFeatures, progress) ->
      algorithm.builder(config).build(matrix, itemFeatures, progress);

  /**
   * Builds one index.
   *
   * @param itemFeatures the items' features, for the indices that read them (ContentCF)
   * @param progress as for {@link SimilarityBuilder#build}; an engine that cannot report rows may stay silent
   * @throws IllegalArgumentException when this engine cannot build {@code algorithm}
   */
  NeighborIndex build(Algorithm algorithm, SimilarityConfig config, InteractionMatrix matrix,
      FeatureTable itemFeatures, LongConsumer progress);
}
