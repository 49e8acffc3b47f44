package dev.funnel.rank.pipeline;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.Protocol;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.rank.component.CandidateStage;
import dev.funnel.rank.component.ChannelKind;
import dev.funnel.rank.component.Components;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.OnlineStoreFeatures;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.model.GbdtRanker;
import dev.funnel.rank.model.LinearPreRanker;
import dev.funnel.rank.model.TrainingSet;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.rank.train.RankerTraining;
import dev.funnel.rank.train.RankingSettings;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.MultiChannelRetriever;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one composer: a spec and its trained parts → a {@link RankingPipeline}. Offline ({@link #fit}) the parts are
 * trained on a training split in memory; online ({@link #open}) they are read from a snapshot built for the spec.
 * Either way the same stages run in the same order, so what is measured is what is served.
 */
public final class PipelineComposer {
  private static final Logger LOG = LoggerFactory.getLogger(PipelineComposer.class);
  /** Recent items per user the channels read by default, when serving and in most evaluations. */
  public static final int DEFAULT_LAST_N = 200;
  /** The whole history: under the random protocol the held-out items come from all of it. */
  static final int WHOLE_HISTORY = 100_000;

  private PipelineComposer() {}

  /**
   * A spec fitted on training data.
   *
   * @param pipeline the composed stages
   * @param tables the CF tables (and the users' training histories) retrieval reads
   */
  public record Fitted(RankingPipeline pipeline, CfTables tables) {}

  /**
   * Fits {@code spec} on {@code train}: the ranking stages from label folds of it (mirroring {@code protocol}
   * unless the spec names its folds), the learned channels and the CF indices on all of it.
   *
   * <p>The ranker's store columns are joined point-in-time from {@code train}'s raw events for training; for
   * serving, an online store is fed all of them, as a server's would be at the end of the training data.
   *
   * @param views the feature views the ranker reads
   * @param protocol the evaluation's protocol, or null outside one
   * @param chain the re-rank chain's inputs besides the spec (the training data's item attributes)
   */
  public static Fitted fit(PipelineSpec spec, Dataset train, FeatureViews views, long seed, Protocol protocol,
      ReRankChain.Inputs chain) {
    Components.check(spec);
    int lastN = spec.retrieval().lastN() != null ? spec.retrieval().lastN()
        : protocol == Protocol.RANDOM ? WHOLE_HISTORY : DEFAULT_LAST_N;
    RankingSettings settings = RankingSettings.of(spec, lastN, views);
    PairTraining learnedTraining = Components.training(spec, seed);
    LinearPreRanker preRanker = null;
    GbdtRanker ranker = null;
    InteractionMatrix interactions = train.interactions();
    if (spec.ranks()) {
      TrainingSet examples = RankerTraining.examples(train, settings,
          RankerTraining.folds(spec.rank(), interactions, protocol, seed), ShownItems.NONE, learnedTraining);
      preRanker = spec.prerank() == null ? null : LinearPreRanker.train(examples);
      ranker = spec.rank() == null ? null
          : RankerTraining.ranker(examples, RankerTraining.settings(spec.rank(), seed), spec.rank().members());
    }
    Map<String, PairTraining.PairModel> learned = learnedTraining.fit(train);
    CandidateStage stage = settings.candidateStage(train, learned);
    FeatureExtractor extractor = spec.ranks() ? settings.extractor(train, stage, PairTraining.pairScorer(learned),
        new OnlineStoreFeatures(OnlineFeatureStore.replay(views, train), train.users(), train.items())) : null;
    RankingPipeline pipeline = new RankingPipeline(stage.merge(), settings.candidates(), extractor, preRanker,
        keep(spec), ranker, ReRankChain.build(spec, chain));
    return new Fitted(pipeline, stage.tables());
  }

  /**
   * {@code spec} over an opened snapshot that was built for it: its channels (one the snapshot lacks — a learned
   * model that had too little data to train — is left out, with a warning), ranked by the snapshot's stages when
   * the spec ranks and the snapshot has them.
   *
   * @param chain the re-rank chain (built over the catalogue as the caller knows it)
   * @param store the live feature store the ranker's store columns come from; a snapshot trained on other views
   *     (or a null store) serves its merge, with a warning, until it is rebuilt
   */
  public static RankingPipeline open(PipelineSpec spec, CfModel model, List<ReRanker> chain,
      OnlineFeatureStore store) throws IOException {
    Components.checkServable(spec);
    int lastN = spec.retrieval().lastN() != null ? spec.retrieval().lastN() : model.lastN();
    List<MultiChannelRetriever.Channel> merged = new ArrayList<>();
    for (ChannelSpec channel : spec.channels()) {
      ChannelKind kind = Components.channel(channel.kind());
      if (kind.isIn(model)) {
        merged.add(new MultiChannelRetriever.Channel(kind.open(model, channel, lastN), spec.quotaOf(channel)));
      } else {
        LOG.warn("snapshot {} has no {} channel: serving without it", model.snapshot().directory(), kind.name());
      }
    }
    MultiChannelRetriever merge = new MultiChannelRetriever(merged,
        spec.retrieval().popularFallback() || merged.isEmpty() ? model.tables().popular() : null);
    if (spec.ranks() && RankingModel.isIn(model.manifest())) {
      RankingModel ranking = RankingModel.read(model.snapshot());
      if (store != null && ranking.views().equals(store.schema().views())) {
        return ranking.pipeline(merge, model.tables().neighbors(Algorithm.ITEMCF), spec.merge().candidates(),
            keep(spec), chain, new OnlineStoreFeatures(store, model.users(), model.items()));
      }
      LOG.warn("snapshot {} was trained on other feature views than the store serves: it serves its merge until "
          + "the next build", model.snapshot().directory());
    } else if (spec.ranks()) {
      LOG.warn("snapshot {} has no ranking stages (too little data when it was built, or an older version): it "
          + "serves its merge until the next build", model.snapshot().directory());
    }
    return new RankingPipeline(merge, spec.merge().candidates(), null, null, 1, null, chain);
  }

  private static int keep(PipelineSpec spec) {
    return spec.prerank() == null ? 1 : spec.prerank().keep();
  }
}
