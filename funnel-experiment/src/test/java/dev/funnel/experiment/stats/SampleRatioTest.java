package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SampleRatioTest {
  @Test
  void chiSquareOfATwoArmSplit() {
    // Expected 5100 each: χ² = (100² + 100²) / 5100 = 3.9216. With one degree of freedom P(χ² > x) = 2Φ(−√x):
    // scipy.stats.chisquare([5000, 5200]).pvalue = 0.04767; the table puts it between 0.05 (3.841) and 0.025 (5.024).
    SampleRatio.Result result = SampleRatio.test(new long[] {5000, 5200}, new double[] {1, 1});

    assertThat(result.chiSquare()).isCloseTo(20_000.0 / 5100, within(1e-10));
    assertThat(result.pValue()).isCloseTo(0.0476703806561615, within(1e-9));
    assertThat(result.mismatch()).isFalse();
  }

  @Test
  void chiSquareOfAnUnevenThreeArmSplit() {
    // Expected 1000, 1000, 2000: χ² = 0 + 100²/1000 + 100²/2000 = 15; with two degrees of freedom p = e^(−χ²/2).
    SampleRatio.Result result = SampleRatio.test(new long[] {1000, 1100, 1900}, new double[] {25, 25, 50});

    assertThat(result.chiSquare()).isCloseTo(15, within(1e-10));
    assertThat(result.pValue()).isCloseTo(Math.exp(-7.5), within(1e-12));
    assertThat(result.mismatch()).isTrue();
    assertThat(SampleRatio.test(new long[] {1000, 1100, 1900}, new double[] {0.25, 0.25, 0.5})).isEqualTo(result);
  }

  @Test
  void theThresholdIsTheTablesCriticalValueAtOnePerMille() {
    // [50000 + d, 50000 − d] gives χ² = d²/25000; the table's χ²₁ at 0.001 is 10.828, between d = 520 and 521.
    SampleRatio.Result below = SampleRatio.test(new long[] {50_520, 49_480}, new double[] {1, 1});
    SampleRatio.Result above = SampleRatio.test(new long[] {50_521, 49_479}, new double[] {1, 1});

    assertThat(below.chiSquare()).isCloseTo(520.0 * 520 / 25_000, within(1e-9)).isLessThan(10.828);
    assertThat(below.mismatch()).isFalse();
    assertThat(above.chiSquare()).isGreaterThan(10.828);
    assertThat(above.mismatch()).isTrue();
  }

  @Test
  void flagsAnArmThatLostFivePercentButNotAnEvenSplit() {
    assertThat(SampleRatio.test(new long[] {50_000, 47_500}, new double[] {1, 1}).mismatch()).isTrue();
    SampleRatio.Result even = SampleRatio.test(new long[] {50_000, 50_000}, new double[] {1, 1});
    assertThat(even.chiSquare()).isZero();
    assertThat(even.pValue()).isCloseTo(1, within(1e-12));
    assertThat(even.mismatch()).isFalse();
    // A chance imbalance of an even split: χ² = 2·123²/50000 = 0.605.
    assertThat(SampleRatio.test(new long[] {50_123, 49_877}, new double[] {1, 1}).mismatch()).isFalse();
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> SampleRatio.test(new long[] {1, 2}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("observed and weights must have the same length, got 2 and 1");
    assertThatThrownBy(() -> SampleRatio.test(new long[] {1}, new double[] {1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the split needs at least 2 arms, got 1");
    assertThatThrownBy(() -> SampleRatio.test(new long[] {1, -1}, new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("observed counts must be >= 0, got -1 in arm 1");
    assertThatThrownBy(() -> SampleRatio.test(new long[] {1, 1}, new double[] {1, 0}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("weights must be finite and > 0, got 0.0 in arm 1");
    assertThatThrownBy(() -> SampleRatio.test(new long[] {0, 0}, new double[] {1, 1}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("the arms have no users at all");
  }
}
