package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class WelchTest {
  /** z_{0.975}. */
  private static final double Z = 1.959963984540054;

  @Test
  void tStatisticDegreesOfFreedomPValueAndIntervalsOfAHandExample() {
    double[] control = {1, 2, 3, 4, 5};
    double[] treatment = {2, 4, 6, 8, 10, 12};
    // By hand: means 3 and 7; variances 10/4 = 2.5 and 70/5 = 14; se² = 2.5/5 + 14/6 = 17/6.
    double vc = 2.5 / 5;
    double vt = 14.0 / 6;
    double se = Math.sqrt(vc + vt);
    double t = (7 - 3) / se;
    double df = (vc + vt) * (vc + vt) / (vc * vc / 4 + vt * vt / 5);
    assertThat(t).isCloseTo(2.3763541031440183, within(1e-12));
    assertThat(df).isCloseTo(6.9722557297949335, within(1e-12));

    Estimate estimate = Welch.compare(SampleMoments.of(control), SampleMoments.of(treatment), 0.05);

    assertThat(estimate.control()).isEqualTo(3.0);
    assertThat(estimate.treatment()).isEqualTo(7.0);
    assertThat(estimate.difference()).isEqualTo(4.0);
    assertThat(estimate.standardError()).isCloseTo(se, within(1e-12));
    // scipy.stats.ttest_ind(treatment, control, equal_var=False).pvalue, and 4 ∓ t.ppf(0.975, df)·se.
    assertThat(estimate.pValue()).isCloseTo(0.04928433820673053, within(1e-8));
    assertThat(estimate.differenceLow()).isCloseTo(0.01653130437116923, within(1e-7));
    assertThat(estimate.differenceHigh()).isCloseTo(7.983468695628831, within(1e-7));
    assertThat(estimate.significant()).isTrue();
    // Lift 4/3 with Var ≈ vt/3² + 7²·vc/3⁴ and the normal quantile.
    double liftMargin = Z * Math.sqrt(vt / 9 + 49 * vc / 81);
    assertThat(estimate.lift()).isCloseTo(4.0 / 3, within(1e-12));
    assertThat(estimate.liftLow()).isCloseTo(4.0 / 3 - liftMargin, within(1e-8));
    assertThat(estimate.liftHigh()).isCloseTo(4.0 / 3 + liftMargin, within(1e-8));
  }

  @Test
  void falsePositiveRateAtTheFixedHorizonIsAlpha() {
    // A/A with unequal sizes and spreads, where Student's pooled test would be off; 4000 replicates put the rate's
    // standard error at √(0.05·0.95/4000) ≈ 0.0034, so [0.04, 0.06] is about ±3 of them.
    Random random = new Random(42);
    int replicates = 4000;
    int rejections = 0;
    for (int r = 0; r < replicates; r++) {
      SampleMoments control = normalSample(random, 20, 1);
      SampleMoments treatment = normalSample(random, 30, 3);
      rejections += Welch.compare(control, treatment, 0.05).significant() ? 1 : 0;
    }

    assertThat(rejections / (double) replicates).isBetween(0.04, 0.06);
  }

  @Test
  void pValueAgreesWithTheInterval() {
    SampleMoments control = new SampleMoments(100, 10, 4);
    for (double treatmentMean : new double[] {10.2, 10.5, 10.8, 11.2}) {
      Estimate estimate = Welch.compare(control, new SampleMoments(80, treatmentMean, 6), 0.05);
      assertThat(estimate.pValue() < 0.05).isEqualTo(estimate.significant());
    }
  }

  @Test
  void rejectsBadAlphaAndNoVariance() {
    SampleMoments moments = new SampleMoments(10, 1, 1);
    for (double alpha : new double[] {0, 1, -0.1, Double.NaN}) {
      assertThatThrownBy(() -> Welch.compare(moments, moments, alpha))
          .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be in (0, 1), got " + alpha);
    }
    SampleMoments constant = new SampleMoments(10, 1, 0);
    assertThatThrownBy(() -> Welch.compare(constant, constant, 0.05))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("both arms have zero variance: the difference has no standard error");
  }

  static SampleMoments normalSample(Random random, int n, double sd) {
    SampleMoments.Accumulator accumulator = new SampleMoments.Accumulator();
    for (int i = 0; i < n; i++) {
      accumulator.add(sd * random.nextGaussian());
    }
    return accumulator.moments();
  }
}
