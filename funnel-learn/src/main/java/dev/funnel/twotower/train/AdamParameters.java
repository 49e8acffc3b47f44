package dev.funnel.twotower.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A model's trainable tensors and the Adam optimiser that updates them. Values come from Java (seeded streams), so
 * a seed fixes a model's start whatever PyTorch's own generator does. Not thread-safe.
 */
public final class AdamParameters {
  private final NDManager manager;
  private final List<NDArray> parameters = new ArrayList<>();
  private final List<Float> decays = new ArrayList<>();
  private final Optimizer adam;

  /** Parameters that live in {@code manager}, updated with step size {@code learningRate}. */
  public AdamParameters(NDManager manager, double learningRate) {
    this.manager = manager;
    this.adam = Optimizer.adam().optLearningRateTracker(Tracker.fixed((float) learningRate)).build();
  }

  /** A new trainable tensor holding {@code values}. */
  public NDArray add(float[] values, long... shape) {
    return add(values, 0, shape);
  }

  /**
   * A new trainable tensor holding {@code values}, with an L2 penalty {@code decay/2 · ‖p‖²}: each step adds
   * {@code decay · p} to its gradient (outside the graph, so a step's temporaries stay in the step's manager).
   */
  public NDArray add(float[] values, double decay, long... shape) {
    NDArray p = manager.create(values, new Shape(shape));
    p.setRequiresGradient(true);
    parameters.add(p);
    decays.add((float) decay);
    return p;
  }

  /** {@code n} values drawn uniformly from {@code [−limit, limit]}. */
  public static float[] uniform(SplittableRandom random, int n, double limit) {
    float[] values = new float[n];
    for (int k = 0; k < n; k++) {
      values[k] = (float) ((random.nextDouble() * 2 - 1) * limit);
    }
    return values;
  }

  /** One Adam step on every parameter from the gradients of the last backward pass, then clears them. */
  public void step() {
    for (int p = 0; p < parameters.size(); p++) {
      NDArray weight = parameters.get(p);
      try (NDArray gradient = weight.getGradient()) {
        float decay = decays.get(p);
        if (decay > 0) {
          try (NDArray penalty = weight.mul(decay)) {
            gradient.addi(penalty);
          }
        }
        adam.update(Integer.toString(p), weight, gradient);
        gradient.subi(gradient);
      }
    }
  }
}
