package dev.funnel.rank.pipeline;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.NeighborTable;
import java.util.ArrayList;
import java.util.List;

/**
 * The retrieval half of the ranking pipeline: CF channels built on some interactions, merged with provenance.
 *
 * @param tables the CF indices and the histories they were built from
 * @param merge the channels, each with its quota, and the popular fallback
 * @param similarity the item-to-item similarities the ranking features read (ItemCF), or null
 */
public record CandidateStage(CfTables tables, MultiChannelRetriever merge, NeighborTable similarity) {

  /**
   * Builds the indices on {@code interactions}.
   *
   * @param channels the CF channels (ItemCF is always built too: the features read its similarities)
   * @param config how the indices are built
   * @param lastN recent items per user each channel reads
   * @param quota candidates per channel
   */
  public static CandidateStage build(InteractionMatrix interactions, List<Algorithm> channels,
      SimilarityConfig config, int lastN, int quota) {
    List<Algorithm> built = new ArrayList<>(channels);
    if (!built.contains(Algorithm.ITEMCF)) {
      built.add(Algorithm.ITEMCF);
    }
    CfTables tables = CfTables.build(interactions, built, config);
    List<MultiChannelRetriever.Channel> merged = new ArrayList<>();
    for (Algorithm algorithm : channels) {
      merged.add(new MultiChannelRetriever.Channel(
          tables.channel(algorithm, lastN, config.neighbors(algorithm), CfTables.defaultLike(algorithm)), quota));
    }
    return new CandidateStage(tables, new MultiChannelRetriever(merged, tables.popular()),
        tables.neighbors(Algorithm.ITEMCF));
  }
}
