package dev.funnel.rank.eval;

import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineFamily;
import dev.funnel.core.spec.PipelineSpecs;
import java.util.List;

/** Every preset spec ({@link PipelineSpecs#presets}) as an evaluation pipeline of the same name. */
public final class PresetPipelines implements PipelineFamily {
  @Override
  public List<Pipeline> pipelines() {
    return PipelineSpecs.presets().entrySet().stream()
        .<Pipeline>map(preset -> new SpecPipeline(preset.getKey(), preset.getValue())).toList();
  }
}
