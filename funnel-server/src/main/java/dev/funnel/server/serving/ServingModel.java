package dev.funnel.server.serving;

import dev.funnel.core.config.ServerSettings;
import dev.funnel.rank.pipeline.RankingModel;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.rerank.MmrReRanker;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.rerank.Similarity;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeRetriever;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerChannel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One opened model snapshot with the merge built over it: what a request needs, immutable, so that a request
 * that started on it finishes on it even if a newer model is swapped in meanwhile.
 *
 * @param name the snapshot's directory name (its version)
 * @param directory where it lives
 * @param model the opened snapshot
 * @param merge the configured channels over it, with the popular fallback
 * @param ranking the ranking stages over the merge, or null when the merge's order is served
 */
public record ServingModel(String name, Path directory, CfModel model, MultiChannelRetriever merge,
    RankingPipeline ranking) {
  /**
   * Opens a snapshot and builds the merge of the configured channels (those the snapshot lacks are skipped: a
   * model built with fewer indices still serves), ranked by the snapshot's ranking stages when the settings ask
   * for ranking (a snapshot without them serves the merge).
   */
  public static ServingModel open(Path directory, ServerSettings settings) throws IOException {
    int lastN = settings.lastN();
    int quota = settings.quota();
    CfModel model = CfModel.open(directory);
    CfTables tables = model.tables();
    List<MultiChannelRetriever.Channel> merged = new ArrayList<>();
    for (String channel : settings.channels()) {
      if (channel.equals(TwoTowerRetriever.NAME)) {
        if (TwoTowerModel.isIn(model.manifest())) {
          merged.add(new MultiChannelRetriever.Channel(TwoTowerChannel.open(directory), quota));
        }
        continue;
      }
      if (channel.equals(DaeRetriever.NAME)) {
        if (DaeModel.isIn(model.manifest())) {
          merged.add(new MultiChannelRetriever.Channel(new DaeRetriever(DaeModel.read(model.snapshot())), quota));
        }
        continue;
      }
      Algorithm algorithm = Algorithm.fromName(channel);
      if (tables.algorithms().contains(algorithm)) {
        merged.add(new MultiChannelRetriever.Channel(model.channel(algorithm, lastN), quota));
      }
    }
    MultiChannelRetriever merge = new MultiChannelRetriever(merged, tables.popular());
    RankingPipeline pipeline = settings.ranking() && RankingModel.isIn(model.manifest())
        ? ranking(RankingModel.read(model.snapshot()), merge, tables, settings.mmrLambda())
        : null;
    return new ServingModel(directory.getFileName().toString(), directory, model, merge, pipeline);
  }

  private static RankingPipeline ranking(RankingModel stages, MultiChannelRetriever merge, CfTables tables,
      Double mmrLambda) {
    List<ReRanker> reRankers = mmrLambda == null ? List.of()
        : List.of(new MmrReRanker(mmrLambda, Similarity.jaccard(stages.attributes()), Integer.MAX_VALUE));
    return stages.pipeline(merge, tables.neighbors(Algorithm.ITEMCF), reRankers);
  }
}
