package dev.funnel.rank.component;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.retrieval.online.Retriever;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A spec's retrieval built offline on some interactions (a training split, a label fold): its CF indices, its
 * channels in order, each with its quota, merged with provenance.
 *
 * @param tables the CF indices and the histories they were built from
 * @param merge the channels and the fallback
 * @param similarity the item-to-item similarities the ranking features read (ItemCF), or null when not built
 * @param channels the names of the merged channels (not the fallback), in order: the channel features' order
 */
public record CandidateStage(CfTables tables, MultiChannelRetriever merge, NeighborTable similarity,
    List<String> channels) {

  /**
   * Builds {@code spec}'s retrieval on {@code visible}'s interactions (and, for content channels, its item
   * features).
   *
   * @param lastN recent items per user each channel reads
   * @param learned the spec's learned channels trained on these interactions, by name
   */
  public static CandidateStage build(PipelineSpec spec, Dataset visible, int lastN,
      Map<String, PairTraining.PairModel> learned) {
    SimilarityConfig similarity = Components.similarity(spec);
    List<Algorithm> indices = Components.indices(spec);
    CfTables tables = CfTables.build(visible.interactions(), visible.itemFeatures(), indices, similarity);
    List<MultiChannelRetriever.Channel> merged = new ArrayList<>();
    for (ChannelSpec channel : spec.channels()) {
      ChannelKind kind = Components.channel(channel.kind());
      Retriever retriever = kind instanceof IndexChannel index ? index.over(tables, channel, lastN, similarity)
          : learned.get(kind.name()).channel();
      merged.add(new MultiChannelRetriever.Channel(retriever, spec.quotaOf(channel)));
    }
    return new CandidateStage(tables,
        new MultiChannelRetriever(merged, spec.retrieval().popularFallback() ? tables.popular() : null),
        indices.contains(Algorithm.ITEMCF) ? tables.neighbors(Algorithm.ITEMCF) : null, spec.channelKinds());
  }
}
