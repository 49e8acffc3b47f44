package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CupedTest {
  @Test
  void adjustsMeanAndVarianceOfAHandExample() {
    // y = 1, 2, 3 and x = 2, 2, 4 with θ = 0.5 around 3: y − 0.5(x − 3) = 1.5, 2.5, 2.5, mean 13/6, variance 1/3.
    PairedMoments arm = PairedMoments.of(new double[] {1, 2, 3}, new double[] {2, 2, 4});

    SampleMoments adjusted = Cuped.adjust(arm, new Cuped.Fit(0.5, 3));

    assertThat(adjusted.n()).isEqualTo(3);
    assertThat(adjusted.mean()).isCloseTo(13.0 / 6, within(1e-12));
    assertThat(adjusted.variance()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(Cuped.varianceReduction(arm, new Cuped.Fit(0.5, 3))).isCloseTo(2.0 / 3, within(1e-12));
  }

  @Test
  void recoversTheSlopeAndTheKnownVarianceReduction() {
    // Y = 2X + ε with Var X = 1 and Var ε = 1: θ = 2 and the reduction is ρ² = 4/(4 + 1) = 0.8, i.e.
    // 1 − 1/(1 + θ²·Var X/Var ε). With 40000 users θ has standard error ≈ 1/√40000 = 0.005.
    Random random = new Random(99);
    List<PairedMoments> arms = List.of(arm(random, 20_000, 0), arm(random, 20_000, 0.5));

    Cuped.Fit fit = Cuped.fit(arms);

    assertThat(fit.theta()).isCloseTo(2, within(0.03));
    assertThat(fit.meanX()).isCloseTo(10, within(0.03));
    assertThat(Cuped.varianceReduction(arms.get(0), fit)).isCloseTo(0.8, within(0.01));
    assertThat(Cuped.varianceReduction(arms.get(1), fit)).isCloseTo(0.8, within(0.01));
  }

  @Test
  void adjustedDifferenceStaysUnbiasedWithFiveTimesLessVariance() {
    // 400 replicates of 500 + 500 users and a true effect of 0.3. The adjusted difference has standard deviation
    // ≈ √(2·1/500) = 0.063, so its mean over replicates has ≈ 0.0032: ±0.013 is 4 of them.
    Random random = new Random(17);
    int replicates = 400;
    double[] adjusted = new double[replicates];
    double[] raw = new double[replicates];
    for (int r = 0; r < replicates; r++) {
      PairedMoments control = arm(random, 500, 0);
      PairedMoments treatment = arm(random, 500, 0.3);
      Cuped.Fit fit = Cuped.fit(List.of(control, treatment));
      adjusted[r] = Cuped.adjust(treatment, fit).mean() - Cuped.adjust(control, fit).mean();
      raw[r] = treatment.meanY() - control.meanY();
    }
    SampleMoments adjustedMoments = SampleMoments.of(adjusted);

    assertThat(adjustedMoments.mean()).isCloseTo(0.3, within(0.013));
    assertThat(adjustedMoments.variance() / SampleMoments.of(raw).variance()).isBetween(0.15, 0.25);
  }

  @Test
  void thetaIsZeroWhenTheCovariateIsConstant() {
    PairedMoments arm = PairedMoments.of(new double[] {1, 2, 4}, new double[] {5, 5, 5});

    Cuped.Fit fit = Cuped.fit(List.of(arm, arm));

    assertThat(fit.theta()).isZero();
    assertThat(Cuped.adjust(arm, fit)).isEqualTo(arm.y());
    assertThat(Cuped.varianceReduction(arm, fit)).isZero();
  }

  @Test
  void rejectsNoArmsAndNoVariance() {
    assertThatThrownBy(() -> Cuped.fit(List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the union needs at least one part");
    PairedMoments constant = PairedMoments.of(new double[] {1, 1}, new double[] {1, 2});
    assertThatThrownBy(() -> Cuped.varianceReduction(constant, new Cuped.Fit(0, 1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("varY is 0: there is no variance to reduce");
    assertThatThrownBy(() -> new Cuped.Fit(Double.NaN, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("theta must be finite, got NaN");
  }

  /** Users with X ~ N(10, 1) before the experiment and Y = 2X + ε + effect during it, ε ~ N(0, 1). */
  private static PairedMoments arm(Random random, int users, double effect) {
    PairedMoments.Accumulator accumulator = new PairedMoments.Accumulator();
    for (int i = 0; i < users; i++) {
      double x = 10 + random.nextGaussian();
      accumulator.add(2 * x + random.nextGaussian() + effect, x);
    }
    return accumulator.moments();
  }
}
