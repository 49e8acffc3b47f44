package dev.funnel.rank.pipeline;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.retrieval.online.Retriever;
import java.util.ArrayList;
import java.util.List;

/**
 * The retrieval half of the ranking pipeline: CF channels built on some interactions, merged with provenance.
 *
 * @param tables the CF indices and the histories they were built from
 * @param merge the channels, each with its quota, and the popular fallback
 * @param similarity the item-to-item similarities the ranking features read (ItemCF), or null
 * @param channels the names of the merged channels (not the fallback), in order: the channel features' order
 */
public record CandidateStage(CfTables tables, MultiChannelRetriever merge, NeighborTable similarity,
    List<String> channels) {

  /**
   * Builds the indices on {@code interactions}.
   *
   * @param channels the CF channels (ItemCF is always built too: the features read its similarities)
   * @param config how the indices are built
   * @param lastN recent items per user each channel reads
   * @param quota candidates per channel
   * @param extra one more channel after the CF ones (such as the two-tower), or null
   */
  public static CandidateStage build(InteractionMatrix interactions, List<Algorithm> channels,
      SimilarityConfig config, int lastN, int quota, Retriever extra) {
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
    if (extra != null) {
      merged.add(new MultiChannelRetriever.Channel(extra, quota));
    }
    List<String> names = merged.stream().map(c -> c.retriever().name()).toList();
    return new CandidateStage(tables, new MultiChannelRetriever(merged, tables.popular()),
        tables.neighbors(Algorithm.ITEMCF), names);
  }
}
