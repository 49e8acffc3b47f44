package dev.funnel.experiment.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DrawsTest {
  /** Gamma(k, 1) has mean k and variance k; 200,000 draws put the sample mean within 4 standard errors. */
  @ParameterizedTest
  @ValueSource(doubles = {0.3, 1, 2.5, 10})
  void gammaHasMeanAndVarianceShape(double shape) {
    SplittableRandom random = new SplittableRandom(shape > 1 ? 1 : 2);
    int count = 200_000;
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < count; i++) {
      double x = Draws.gamma(random, shape);
      assertThat(x).isPositive();
      sum += x;
      squares += x * x;
    }
    double mean = sum / count;
    double variance = squares / count - mean * mean;
    assertThat(mean).isCloseTo(shape, within(4 * Math.sqrt(shape / count)));
    assertThat(variance).isCloseTo(shape, within(0.05 * shape));
  }
}
