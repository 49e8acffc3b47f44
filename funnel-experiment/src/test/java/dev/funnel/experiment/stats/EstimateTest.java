package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EstimateTest {
  @Test
  void significantWhenTheDifferenceIntervalExcludesZero() {
    assertThat(Estimate.of(1, 1.5, 0.01, 0.01, 2, 2, 0.001).significant()).isTrue();
    assertThat(Estimate.of(1.5, 1, 0.01, 0.01, 2, 2, 0.001).significant()).isTrue();
    // Difference 0.5 with se √(0.04 + 0.04) = 0.2828 and critical 2: the interval reaches below 0.
    assertThat(Estimate.of(1, 1.5, 0.04, 0.04, 2, 2, 0.08).significant()).isFalse();
  }

  @Test
  void liftIsUndefinedWithAZeroControl() {
    Estimate estimate = Estimate.of(0, 0.1, 0.01, 0.01, 2, 2, 0.5);

    assertThat(estimate.difference()).isEqualTo(0.1);
    assertThat(estimate.lift()).isNaN();
    assertThat(estimate.liftLow()).isNaN();
    assertThat(estimate.liftHigh()).isNaN();
  }
}
