package dev.funnel.twotower.eval;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import dev.funnel.core.util.SeenItems;
import dev.funnel.core.util.TopK;
import dev.funnel.twotower.TwoTowerOptions;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.train.Exposures;
import dev.funnel.twotower.train.TrainingListener;
import dev.funnel.twotower.train.TwoTowerTrainer;

/**
 * The two-tower model as an evaluation pipeline ({@code --pipeline twotower}, options in
 * {@link TwoTowerOptions}): trains on the split's training part, then ranks by an exact scan over every item's
 * vector, skipping the user's training items. The user vector comes from the training history, as serving
 * computes it from the live one.
 */
public final class TwoTowerPipeline implements Pipeline {
  private final TrainingListener listener;

  /** The pipeline {@link java.util.ServiceLoader} finds; it trains silently. */
  public TwoTowerPipeline() {
    this(TrainingListener.NONE);
  }

  /** A pipeline that reports each epoch to {@code listener}. */
  public TwoTowerPipeline(TrainingListener listener) {
    this.listener = listener;
  }

  @Override
  public String name() {
    return "twotower";
  }

  @Override
  public String description() {
    return "the two-tower model (DJL/PyTorch training; options --tt-mode, --tt-negatives, --tt-dim, --tt-epochs, ...)";
  }

  @Override
  public Recommender fit(Dataset train, PipelineOptions options) {
    TwoTowerOptions settings = TwoTowerOptions.read(options);
    TwoTowerModel model = new TwoTowerTrainer(settings.tower(), settings.training())
        .train(train, Exposures.NONE, listener).model();
    return recommender(model, train.interactions());
  }

  /** Full ranking by exact scan: every item not in the user's training history, by score, ties by id. */
  static Recommender recommender(TwoTowerModel model, InteractionMatrix train) {
    float[] itemVectors = model.itemVectors();
    int d = model.dim();
    SeenItems seen = new SeenItems(train);
    return (user, n) -> {
      if (n < 1) {
        throw new IllegalArgumentException("n must be ≥ 1, was " + n);
      }
      float[] a = model.userVector(user, train.userItems(), train.userOffsets()[user], train.userOffsets()[user + 1]);
      TopK top = new TopK(n);
      boolean[] mask = seen.acquire(user);
      try {
        for (int i = 0; i < model.numItems(); i++) {
          if (!mask[i]) {
            float s = 0;
            for (int k = 0, at = i * d; k < d; k++) {
              s += a[k] * itemVectors[at + k];
            }
            top.offer(i, s);
          }
        }
      } finally {
        seen.release(user, mask);
      }
      return top.drainIds();
    };
  }
}
