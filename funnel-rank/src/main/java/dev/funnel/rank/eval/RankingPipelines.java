package dev.funnel.rank.eval;

import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineFamily;
import java.util.List;

/**
 * The multi-stage pipeline and its ablations for {@code funnel eval}: {@code full} (merge → pre-rank → GBDT →
 * MMR) and {@code ablation-merge}, {@code ablation-prerank}, {@code ablation-rank}, each one stage shorter.
 */
public final class RankingPipelines implements PipelineFamily {
  @Override
  public List<Pipeline> pipelines() {
    return List.of(
        new StackPipeline("ablation-merge", "the full pipeline's candidate merge only (its channels, RRF)", StackPipeline.Stages.MERGE),
        new StackPipeline("ablation-prerank", "merge → logistic pre-ranker", StackPipeline.Stages.PRERANK),
        new StackPipeline("ablation-rank", "merge → pre-ranker → GBDT ranker (no MMR)", StackPipeline.Stages.RANK),
        new StackPipeline("full", "merge → pre-ranker → GBDT ranker (XGBoost, a bag of five) → MMR (options --pair-model, --mmr-lambda, ...)", StackPipeline.Stages.FULL));
  }
}
