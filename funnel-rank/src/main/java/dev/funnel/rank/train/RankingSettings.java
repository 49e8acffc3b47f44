package dev.funnel.rank.train;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.rank.component.CandidateStage;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.ItemStatistics;
import dev.funnel.rank.features.PairScorer;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.rerank.ItemAttributes;
import java.util.Map;

/**
 * How the ranking stages retrieve candidates and compute their features. Training and serving build both from
 * these settings, through these two methods only.
 *
 * @param spec the pipeline: its channels, their merge and the candidate count
 * @param lastN recent items per user each channel reads
 * @param recentItems recent items per user the history features read
 * @param recentDays the window of "recent" popularity
 */
public record RankingSettings(PipelineSpec spec, int lastN, int recentItems, int recentDays) {
  /** Recent items per user the history features read. */
  public static final int RECENT_ITEMS = 50;
  /** The window of "recent" popularity, in days. */
  public static final int RECENT_DAYS = 30;

  public RankingSettings {
    if (lastN < 1 || recentItems < 1 || recentDays < 1) {
      throw new IllegalArgumentException("ranking settings must be ≥ 1: " + lastN + ", " + recentItems + ", "
          + recentDays);
    }
  }

  /** {@code spec}'s settings with the default feature windows. */
  public static RankingSettings of(PipelineSpec spec, int lastN) {
    return new RankingSettings(spec, lastN, RECENT_ITEMS, RECENT_DAYS);
  }

  /** Merged candidates per request. */
  public int candidates() {
    return spec.merge().candidates();
  }

  /** The spec's retrieval on {@code interactions}, with its learned channels as trained on them. */
  public CandidateStage candidateStage(InteractionMatrix interactions, Map<String, PairTraining.PairModel> learned) {
    return CandidateStage.build(spec, interactions, lastN, learned);
  }

  /**
   * The feature code for requests made at or after {@code asOf} whose features may read {@code dataset}'s
   * interactions (all of which precede {@code asOf}).
   */
  public FeatureExtractor extractor(Dataset dataset, long asOf, CandidateStage stage, PairScorer pairScorer) {
    return new FeatureExtractor(stage.channels().toArray(String[]::new),
        ItemStatistics.of(dataset.interactions(), asOf, recentDays * 86_400L),
        ItemAttributes.fromFeatures(dataset.itemFeatures()), stage.similarity(), pairScorer, recentItems,
        dataset.userFeatures(), dataset.itemFeatures());
  }
}
