package dev.funnel.rank.train;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.features.FeatureSchema;
import dev.funnel.rank.component.CandidateStage;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.PairScorer;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.features.StoreFeatures;
import dev.funnel.rank.rerank.ItemAttributes;
import java.util.Map;

/**
 * How the ranking stages retrieve candidates and compute their features. Training and serving build both from
 * these settings, through these two methods only.
 *
 * @param spec the pipeline: its channels, their merge and the candidate count
 * @param lastN recent items per user each channel reads
 * @param recentItems recent items per user the history features read
 * @param views the feature views whose columns the ranker reads from the feature store
 */
public record RankingSettings(PipelineSpec spec, int lastN, int recentItems, FeatureViews views) {
  /** Recent items per user the history features read. */
  public static final int RECENT_ITEMS = 50;

  public RankingSettings {
    if (lastN < 1 || recentItems < 1) {
      throw new IllegalArgumentException("ranking settings must be ≥ 1: " + lastN + ", " + recentItems);
    }
  }

  /** {@code spec}'s settings with the default history window. */
  public static RankingSettings of(PipelineSpec spec, int lastN, FeatureViews views) {
    return new RankingSettings(spec, lastN, RECENT_ITEMS, views);
  }

  /** Merged candidates per request. */
  public int candidates() {
    return spec.merge().candidates();
  }

  /** The feature store's columns, as the views declare them. */
  public String[] storeColumns() {
    return new FeatureSchema(views).columns();
  }

  /** The spec's retrieval on {@code visible}'s interactions, with its learned channels as trained on them. */
  public CandidateStage candidateStage(Dataset visible, Map<String, PairTraining.PairModel> learned) {
    return CandidateStage.build(spec, visible, lastN, learned);
  }

  /** The feature code over {@code dataset}'s side features, with the store's columns read from {@code store}. */
  public FeatureExtractor extractor(Dataset dataset, CandidateStage stage, PairScorer pairScorer,
      StoreFeatures store) {
    return new FeatureExtractor(stage.channels().toArray(String[]::new),
        ItemAttributes.fromFeatures(dataset.itemFeatures()), stage.similarity(), pairScorer, recentItems,
        dataset.userFeatures(), dataset.itemFeatures(), store);
  }
}
