package dev.funnel.rank.pipeline;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.rank.features.FeatureExtractor;
import dev.funnel.rank.features.ItemStatistics;
import dev.funnel.rank.features.PairScorer;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.online.Retriever;
import java.util.List;

/**
 * How the ranking pipeline retrieves candidates and computes their features. Training and serving build both from
 * these settings, through these two methods only.
 *
 * @param channels the CF channels merged into candidates
 * @param similarity how their indices are built
 * @param lastN recent items per user each channel reads
 * @param quota candidates per channel
 * @param candidates merged candidates per request
 * @param preRankKeep candidates the pre-ranker keeps
 * @param recentItems recent items per user the history features read
 * @param recentDays the window of "recent" popularity
 */
public record RankingSettings(List<Algorithm> channels, SimilarityConfig similarity, int lastN, int quota,
    int candidates, int preRankKeep, int recentItems, int recentDays) {

  /**
   * The CF channels of the evaluation pipelines: EASE over users joined the six in session 6, once the ranker was a
   * bag (with it, full NDCG@10 rose on three of the four dataset × protocol pairs; BENCHMARKS.md).
   */
  public static final List<Algorithm> DEFAULT_CHANNELS =
      List.of(Algorithm.ITEMCF, Algorithm.ITEMCF_WEIGHTED, Algorithm.SWING, Algorithm.USERCF, Algorithm.USERCF_POP,
          Algorithm.EASE, Algorithm.EASE_USER);

  public RankingSettings {
    channels = List.copyOf(channels);
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("the ranking pipeline needs at least one channel");
    }
    if (lastN < 1 || quota < 1 || candidates < 1 || preRankKeep < 1 || recentItems < 1 || recentDays < 1) {
      throw new IllegalArgumentException("ranking settings must be ≥ 1: " + this);
    }
  }

  public static RankingSettings defaults() {
    return new RankingSettings(DEFAULT_CHANNELS, SimilarityConfig.defaults(), 200, 100, 300, 100, 50, 30);
  }

  /** The channels' indices on {@code interactions}, and their merge. */
  public CandidateStage candidateStage(InteractionMatrix interactions) {
    return candidateStage(interactions, null);
  }

  /** The channels' indices on {@code interactions} and their merge with one {@code extra} channel (null: none). */
  public CandidateStage candidateStage(InteractionMatrix interactions, Retriever extra) {
    return CandidateStage.build(interactions, channels, similarity, lastN, quota, extra);
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
