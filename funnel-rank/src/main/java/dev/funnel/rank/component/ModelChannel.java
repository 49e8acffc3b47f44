package dev.funnel.rank.component;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.rank.features.PairTraining;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * A learned channel whose options are read into typed settings {@code S} and whose training makes a model
 * {@code M}: the reading, checking and training every such channel shares.
 */
abstract class ModelChannel<S, M> implements LearnedChannel {
  /** The settings the named options (with {@link #optionPrefix}) give. */
  abstract S settings(PipelineOptions options);

  /** A model trained on {@code data}. */
  abstract M train(Dataset data, S settings);

  /** The model as pair model (its channel an exact scan). */
  abstract PairTraining.PairModel pairModel(M model);

  abstract void write(M model, SnapshotWriter writer) throws IOException;

  @Override
  public void checkOptions(PipelineSpec spec) {
    settings(spec, 0);
  }

  @Override
  public PairTraining.PairModel fit(Dataset data, PipelineSpec spec, long seed) {
    return pairModel(train(data, settings(spec, seed)));
  }

  @Override
  public void train(Dataset data, PipelineSpec spec, long seed, SnapshotWriter writer) throws IOException {
    write(train(data, settings(spec, seed)), writer);
  }

  /** {@code spec}'s {@code models.NAME} section as settings, seeded; fails on a key the model does not take. */
  private S settings(PipelineSpec spec, long seed) {
    Map<String, String> named = new HashMap<>();
    spec.modelOptions(name()).forEach((key, value) -> named.put(optionPrefix() + key, String.valueOf(value)));
    PipelineOptions options = new PipelineOptions(named, seed);
    S settings = settings(options);
    if (!options.unused().isEmpty()) {
      throw new IllegalArgumentException("models." + name() + ": unknown option(s) " + options.unused().stream()
          .map(key -> key.substring(optionPrefix().length())).toList());
    }
    return settings;
  }
}
