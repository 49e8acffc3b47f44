package dev.funnel.core.eval;

import java.util.List;

/**
 * Several pipelines from one provider, for modules whose pipelines differ only in a parameter (one per retrieval
 * algorithm, say). Registered like pipelines, in {@code META-INF/services/dev.funnel.core.eval.PipelineFamily}.
 */
public interface PipelineFamily {
  List<Pipeline> pipelines();
}
