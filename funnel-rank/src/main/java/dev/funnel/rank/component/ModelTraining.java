package dev.funnel.rank.component;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.retrieval.model.CfModelBuilder;

/**
 * How a learned channel's model is trained (DJL on PyTorch, offline). funnel-learn provides one per learned kind,
 * registered in {@code META-INF/services/dev.funnel.rank.component.ModelTraining}, so that funnel-rank and what
 * only serves never load PyTorch.
 */
public interface ModelTraining {
  /** The learned channel kind it trains ({@code twotower}, {@code dae}). */
  String channel();

  /**
   * Reads the model's settings from {@code options} (named like the command line's, with the kind's prefix).
   *
   * @throws IllegalArgumentException naming an option whose value does not fit
   */
  void check(PipelineOptions options);

  /** A model trained on {@code data} with the settings {@code options} give. */
  Trained train(Dataset data, PipelineOptions options);

  /**
   * A trained model.
   *
   * @param pairModel the model as pair scorer and exact channel
   * @param part how it is written into a snapshot being built
   */
  record Trained(PairTraining.PairModel pairModel, CfModelBuilder.Part part) {}
}
