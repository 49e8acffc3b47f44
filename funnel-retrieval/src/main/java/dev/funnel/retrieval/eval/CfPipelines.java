package dev.funnel.retrieval.eval;

import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineFamily;
import dev.funnel.retrieval.cf.Algorithm;
import java.util.ArrayList;
import java.util.List;

/** Registers one evaluation pipeline per CF algorithm, plus {@code merged}. */
public final class CfPipelines implements PipelineFamily {
  @Override
  public List<Pipeline> pipelines() {
    List<Pipeline> pipelines = new ArrayList<>();
    for (Algorithm algorithm : Algorithm.values()) {
      pipelines.add(new CfPipeline(algorithm));
    }
    pipelines.add(new MergedPipeline());
    return pipelines;
  }
}
