package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class PairedMomentsTest {
  @Test
  void jointMomentsOfAHandExample() {
    // y = 1, 2, 3: mean 2, variance 1. x = 2, 2, 4: mean 8/3, deviations −2/3, −2/3, 4/3, variance (24/9)/2 = 4/3.
    // Co-products (−1)(−2/3) + 0 + (1)(4/3) = 2, covariance 2/2 = 1.
    PairedMoments moments = PairedMoments.of(new double[] {1, 2, 3}, new double[] {2, 2, 4});

    assertThat(moments.n()).isEqualTo(3);
    assertThat(moments.meanY()).isCloseTo(2, within(1e-12));
    assertThat(moments.meanX()).isCloseTo(8.0 / 3, within(1e-12));
    assertThat(moments.varY()).isCloseTo(1, within(1e-12));
    assertThat(moments.varX()).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(moments.covYX()).isCloseTo(1, within(1e-12));
    assertThat(moments.y()).isEqualTo(new SampleMoments(3, moments.meanY(), moments.varY()));
    assertThat(moments.x()).isEqualTo(new SampleMoments(3, moments.meanX(), moments.varX()));
  }

  @Test
  void unionEqualsTheMomentsOfAllValuesTogether() {
    Random random = new Random(11);
    double[][] ys = new double[3][];
    double[][] xs = new double[3][];
    int[] sizes = {50, 200, 7};
    for (int part = 0; part < 3; part++) {
      ys[part] = new double[sizes[part]];
      xs[part] = new double[sizes[part]];
      for (int i = 0; i < sizes[part]; i++) {
        xs[part][i] = 5 * part + random.nextGaussian();
        ys[part][i] = xs[part][i] * 1.5 - part + random.nextGaussian();
      }
    }
    PairedMoments union = PairedMoments.union(List.of(
        PairedMoments.of(ys[0], xs[0]), PairedMoments.of(ys[1], xs[1]), PairedMoments.of(ys[2], xs[2])));
    PairedMoments all = PairedMoments.of(concat(ys), concat(xs));

    assertThat(union.n()).isEqualTo(257);
    assertThat(union.meanY()).isCloseTo(all.meanY(), within(1e-10));
    assertThat(union.meanX()).isCloseTo(all.meanX(), within(1e-10));
    assertThat(union.varY()).isCloseTo(all.varY(), within(1e-9));
    assertThat(union.varX()).isCloseTo(all.varX(), within(1e-9));
    assertThat(union.covYX()).isCloseTo(all.covYX(), within(1e-9));
  }

  @Test
  void rejectsMismatchedArraysAndEmptyUnions() {
    assertThatThrownBy(() -> PairedMoments.of(new double[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("y and x must have the same length, got 2 and 1");
    assertThatThrownBy(() -> PairedMoments.union(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the union needs at least one part");
    assertThatThrownBy(() -> new PairedMoments.Accumulator().add(1, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("x must be finite, got NaN");
  }

  private static double[] concat(double[][] parts) {
    return Arrays.stream(parts).flatMapToDouble(DoubleStream::of).toArray();
  }
}
