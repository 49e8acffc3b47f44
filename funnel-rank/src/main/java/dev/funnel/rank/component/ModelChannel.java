package dev.funnel.rank.component;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.rank.features.PairTraining;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The training half every learned channel shares: its {@code models.NAME} options read and checked, and its model
 * trained by the {@link ModelTraining} registered for it (funnel-learn), found when first needed.
 */
abstract class ModelChannel implements LearnedChannel {
  private volatile ModelTraining training;

  @Override
  public void checkOptions(PipelineSpec spec) {
    withOptions(spec, 0, options -> {
      training().check(options);
      return null;
    });
  }

  @Override
  public PairTraining.PairModel fit(Dataset data, PipelineSpec spec, long seed) {
    return withOptions(spec, seed, options -> training().train(data, options)).pairModel();
  }

  @Override
  public void train(Dataset data, PipelineSpec spec, long seed, SnapshotWriter writer) throws IOException {
    withOptions(spec, seed, options -> training().train(data, options)).part().write(writer);
  }

  private interface Reading<T> {
    T apply(PipelineOptions options);
  }

  /**
   * {@code reading} of {@code spec}'s {@code models.NAME} section as named options, seeded; fails on a key the model
   * does not take.
   */
  private <T> T withOptions(PipelineSpec spec, long seed, Reading<T> reading) {
    Map<String, String> named = new HashMap<>();
    spec.modelOptions(name()).forEach((key, value) -> named.put(optionPrefix() + key, String.valueOf(value)));
    PipelineOptions options = new PipelineOptions(named, seed);
    T result = reading.apply(options);
    if (!options.unused().isEmpty()) {
      throw new IllegalArgumentException("models." + name() + ": unknown option(s) " + options.unused().stream()
          .map(key -> key.substring(optionPrefix().length())).toList());
    }
    return result;
  }

  private ModelTraining training() {
    ModelTraining found = training;
    if (found == null) {
      for (ModelTraining candidate : ServiceLoader.load(ModelTraining.class)) {
        if (candidate.channel().equals(name())) {
          found = candidate;
        }
      }
      if (found == null) {
        throw new IllegalStateException("training the " + name() + " model needs funnel-learn (DJL, PyTorch) on "
            + "the class path");
      }
      training = found;
    }
    return found;
  }
}
