package dev.funnel.twotower.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

/** Weight decay: a penalised parameter is pulled towards zero even when the loss does not depend on it. */
class AdamParametersTest {

  @Test
  void decayPullsTowardsZeroAndOnlyWhereAsked() {
    Engine engine = PyTorch.engine(1);
    try (NDManager manager = engine.newBaseManager()) {
      AdamParameters parameters = new AdamParameters(manager, 0.1);
      NDArray decayed = parameters.add(new float[] {1f, -2f}, 0.5, 2);
      NDArray plain = parameters.add(new float[] {1f, -2f}, 2);
      try (NDManager step = manager.newSubManager(); GradientCollector collector = engine.newGradientCollector()) {
        NDArray zero = step.zeros(new ai.djl.ndarray.types.Shape(2));
        collector.backward(zero.mul(decayed).sum().add(zero.mul(plain).sum()));
      }
      parameters.step();

      // Adam's first step moves a parameter by the step size against the sign of its gradient, here decay · p.
      assertThat(decayed.toFloatArray()).containsExactly(new float[] {0.9f, -1.9f}, within(1e-4f));
      assertThat(plain.toFloatArray()).containsExactly(1f, -2f);
    }
  }
}
