package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DeltaMethodTest {
  @Test
  void zTestOfTwoRatiosOfAHandExample() {
    // Control: ratio 0.75 with delta variance 3/256 (see RatioMomentsTest).
    RatioMoments control = RatioMoments.of(new double[] {1, 2, 3}, new double[] {2, 2, 4});
    // Treatment: μN = μD = 3, σN² = 2/3, σD² = 4/3, σND = 2/3: ratio 1 and
    // (1/4)·((2/3)/9 − 2·3·(2/3)/27 + 9·(4/3)/81) = (1/4)·(2/27) = 1/54.
    RatioMoments treatment = RatioMoments.of(new double[] {2, 3, 4, 3}, new double[] {2, 4, 4, 2});
    assertThat(treatment.variance()).isCloseTo(1.0 / 54, within(1e-12));

    Estimate estimate = DeltaMethod.compare(control, treatment, 0.05);

    double se = Math.sqrt(3.0 / 256 + 1.0 / 54);
    assertThat(estimate.difference()).isCloseTo(0.25, within(1e-12));
    assertThat(estimate.standardError()).isCloseTo(se, within(1e-12));
    // z = 0.25 / se = 1.4377015148955692; scipy.stats.norm.sf(z)·2.
    assertThat(estimate.pValue()).isCloseTo(0.15051876309521792, within(1e-9));
    assertThat(estimate.differenceLow()).isCloseTo(0.25 - 1.959963984540054 * se, within(1e-9));
    assertThat(estimate.significant()).isFalse();
    // Lift 1/0.75 − 1 = 1/3 with Var ≈ (1/54)/0.75² + 1²·(3/256)/0.75⁴, margin 1.96·0.26449734920529.
    assertThat(estimate.lift()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(estimate.liftHigh()).isCloseTo(1.0 / 3 + 0.5184052784486837, within(1e-9));
  }

  @Test
  void rejectsBadAlpha() {
    RatioMoments moments = RatioMoments.of(new double[] {1, 2, 3}, new double[] {2, 2, 4});
    assertThatThrownBy(() -> DeltaMethod.compare(moments, moments, 1.5))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be in (0, 1), got 1.5");
  }
}
