package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SampleMomentsTest {
  @Test
  void meanAndSampleVarianceOfAHandExample() {
    // Mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32 over n − 1 = 7.
    SampleMoments moments = SampleMoments.of(new double[] {2, 4, 4, 4, 5, 5, 7, 9});

    assertThat(moments.n()).isEqualTo(8);
    assertThat(moments.mean()).isEqualTo(5.0);
    assertThat(moments.variance()).isCloseTo(32.0 / 7, within(1e-12));
    assertThat(moments.varianceOfMean()).isCloseTo(32.0 / 7 / 8, within(1e-12));
  }

  @Test
  void staysExactFarFromZero() {
    // Deviations −6, −3, 3, 6 around 1e9 + 10: variance 90 / 3 = 30. Σx² − n·mean² would lose every digit here.
    SampleMoments moments = SampleMoments.of(new double[] {1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16});

    assertThat(moments.mean()).isEqualTo(1e9 + 10);
    assertThat(moments.variance()).isCloseTo(30, within(1e-6));
  }

  @Test
  void streamingMatchesTwoPassMoments() {
    Random random = new Random(7);
    double[] values = new double[10_000];
    SampleMoments.Accumulator accumulator = new SampleMoments.Accumulator();
    for (int i = 0; i < values.length; i++) {
      values[i] = 3 + 2 * random.nextGaussian();
      accumulator.add(values[i]);
    }
    double mean = 0;
    for (double value : values) {
      mean += value / values.length;
    }
    double squares = 0;
    for (double value : values) {
      squares += (value - mean) * (value - mean);
    }

    SampleMoments moments = accumulator.moments();
    assertThat(accumulator.n()).isEqualTo(values.length);
    assertThat(moments.mean()).isCloseTo(mean, within(1e-12));
    assertThat(moments.variance()).isCloseTo(squares / (values.length - 1), within(1e-10));
  }

  @Test
  void rejectsTooFewValuesAndBadNumbers() {
    assertThatThrownBy(() -> SampleMoments.of(new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("moments need n >= 2 values, got 1");
    assertThatThrownBy(() -> new SampleMoments.Accumulator().moments())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n >= 2");
    assertThatThrownBy(() -> new SampleMoments.Accumulator().add(Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("value must be finite, got NaN");
    assertThatThrownBy(() -> new SampleMoments(10, 1, -0.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("variance must be finite and >= 0, got -0.5");
    assertThatThrownBy(() -> new SampleMoments(10, Double.POSITIVE_INFINITY, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mean must be finite");
  }
}
