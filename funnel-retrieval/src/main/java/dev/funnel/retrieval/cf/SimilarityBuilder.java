package dev.funnel.retrieval.cf;

import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import java.util.function.LongConsumer;

/**
 * Builds a {@link NeighborIndex} from an interaction matrix (and, for content similarity, the items' features): one row per item or user (see {@link
 * Algorithm#entity()}) holding its top-k neighbours with score &gt; 0 (EASE: by magnitude, negative weights too),
 * itself excluded, best first, equal scores by smaller id. Implementations are stateless apart from their
 * configuration and may be reused and shared.
 */
public interface SimilarityBuilder {
  /**
   * Builds the index.
   *
   * @param progress receives how many rows (items or users) are done so far, called from any thread, monotone per
   *     call; the last value is the number of rows
   */
  NeighborIndex build(InteractionMatrix matrix, LongConsumer progress);

  /**
   * Builds the index from the interactions and the items' features (by dense item id); only content builders
   * read the features, the others build as {@link #build(InteractionMatrix, LongConsumer)}.
   */
  default NeighborIndex build(InteractionMatrix matrix, FeatureTable itemFeatures, LongConsumer progress) {
    return build(matrix, progress);
  }
}
