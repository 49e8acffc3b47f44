package dev.funnel.core.eval;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.spec.PipelineSpec;

/**
 * A named way to turn training data into a {@link Recommender}: a baseline, one retrieval channel, or the full
 * multi-stage pipeline. Modules contribute pipelines through {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/dev.funnel.core.eval.Pipeline} file); {@link Pipelines} finds them by name.
 */
public interface Pipeline {
  /** The name used with {@code funnel eval --pipeline}. */
  String name();

  /** One line for {@code --help} and error messages. */
  String description();

  /**
   * Fits on {@code train}, whose interactions are the training split only. Features and dictionaries cover the
   * whole catalogue, so that a test item may be recommended even if nobody trained on it.
   */
  Recommender fit(Dataset train, PipelineOptions options);

  /**
   * The spec this pipeline composes with {@code options} applied (for the report, and to check the options before
   * any data are read); null for a pipeline that is not a spec (a baseline).
   *
   * @throws IllegalArgumentException if an option does not fit the spec
   */
  default PipelineSpec spec(PipelineOptions options) {
    return null;
  }
}
