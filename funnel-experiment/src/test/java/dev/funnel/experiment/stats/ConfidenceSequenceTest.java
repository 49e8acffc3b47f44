package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfidenceSequenceTest {
  private static final SampleMoments CONTROL = new SampleMoments(1000, 10, 4);
  private static final SampleMoments TREATMENT = new SampleMoments(1200, 10.3, 5);

  @Test
  void halfwidthAndPValueMatchGrowthBook() {
    // Reference values from gbstats' own sequential_interval_halfwidth(s2 = se²·N, N = 2200, 5000, 0.05) and
    // SequentialTwoSidedTTest.p_value, evaluated with numpy on se² = 4/1000 + 5/1200.
    Estimate estimate = ConfidenceSequence.compare(CONTROL, TREATMENT, 0.05);

    assertThat(estimate.difference()).isCloseTo(0.3, within(1e-12));
    assertThat(estimate.differenceHigh() - estimate.difference()).isCloseTo(0.2805794217990208, within(1e-10));
    assertThat(estimate.difference() - estimate.differenceLow()).isCloseTo(0.2805794217990208, within(1e-10));
    assertThat(estimate.pValue()).isCloseTo(0.0292355559657768, within(1e-10));
    assertThat(estimate.significant()).isTrue();
    // The same halfwidth on the lift's delta-method standard error √(5/1200/10² + 10.3²·(4/1000)/10⁴).
    assertThat(estimate.lift()).isCloseTo(0.03, within(1e-12));
    assertThat(estimate.liftHigh() - estimate.lift()).isCloseTo(0.02847333148985883, within(1e-10));
  }

  @Test
  void aSmallerTuningParameterMovesTheBoundary() {
    // gbstats with sequential_tuning_parameter = 100: halfwidth 0.3028 > 0.3, p 0.0553.
    Estimate estimate = ConfidenceSequence.compare(CONTROL, TREATMENT, 0.05, 100);

    assertThat(estimate.differenceHigh() - estimate.difference()).isCloseTo(0.30275255218189995, within(1e-10));
    assertThat(estimate.pValue()).isCloseTo(0.05531380742096404, within(1e-10));
    assertThat(estimate.significant()).isFalse();
  }

  @Test
  void pValueIsBelowAlphaExactlyWhenTheIntervalExcludesZero() {
    for (double alpha : new double[] {0.01, 0.05, 0.2}) {
      for (double shift = 0; shift < 1; shift += 0.02) {
        Estimate estimate = ConfidenceSequence.compare(CONTROL, new SampleMoments(1200, 10 + shift, 5), alpha);
        assertThat(estimate.pValue() < alpha).as("alpha %s shift %s", alpha, shift)
            .isEqualTo(estimate.significant());
        assertThat(estimate.pValue()).isBetween(0.0, 1.0);
      }
    }
  }

  @Test
  void widerThanTheFixedHorizonIntervalAtTheSameSampleSize() {
    for (long n : new long[] {10, 100, 1000, 5000, 100_000, 10_000_000}) {
      SampleMoments control = new SampleMoments(n, 1, 2);
      SampleMoments treatment = new SampleMoments(n, 1.1, 2);
      Estimate sequential = ConfidenceSequence.compare(control, treatment, 0.05);
      Estimate fixed = Welch.compare(control, treatment, 0.05);
      assertThat(sequential.differenceHigh() - sequential.differenceLow()).as("n = %s", n)
          .isGreaterThan(fixed.differenceHigh() - fixed.differenceLow());
      assertThat(sequential.liftHigh() - sequential.liftLow()).isGreaterThan(fixed.liftHigh() - fixed.liftLow());
    }
  }

  @Test
  void keepsItsLevelUnderContinuousPeekingWhereWelchDoesNot() {
    // A/A: 2000 users per arm, a look after every 1 % (100 looks); a replicate counts as a false positive when any
    // look rejects. 1000 replicates put the standard error of a 5 % rate at √(0.05·0.95/1000) ≈ 0.0069, so the
    // sequence may not exceed 0.05 + 3·0.0069 ≈ 0.071. Peeking at Welch 100 times inflates its 5 % to about 30 %.
    Random random = new Random(5);
    int replicates = 1000;
    int perLook = 20;
    int sequentialRejections = 0;
    int welchRejections = 0;
    for (int r = 0; r < replicates; r++) {
      SampleMoments.Accumulator control = new SampleMoments.Accumulator();
      SampleMoments.Accumulator treatment = new SampleMoments.Accumulator();
      boolean sequentialRejected = false;
      boolean welchRejected = false;
      for (int look = 0; look < 100; look++) {
        for (int i = 0; i < perLook; i++) {
          control.add(random.nextGaussian());
          treatment.add(random.nextGaussian());
        }
        SampleMoments c = control.moments();
        SampleMoments t = treatment.moments();
        sequentialRejected = sequentialRejected || ConfidenceSequence.compare(c, t, 0.05).significant();
        welchRejected = welchRejected || Welch.compare(c, t, 0.05).significant();
      }
      sequentialRejections += sequentialRejected ? 1 : 0;
      welchRejections += welchRejected ? 1 : 0;
    }

    double slack = 3 * Math.sqrt(0.05 * 0.95 / replicates);
    assertThat(sequentialRejections / (double) replicates).isLessThanOrEqualTo(0.05 + slack);
    assertThat(welchRejections / (double) replicates).isGreaterThan(0.10);
  }

  @Test
  void rejectsBadArguments() {
    assertThatThrownBy(() -> ConfidenceSequence.compare(CONTROL, TREATMENT, 0.05, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("tuning must be finite and > 0, got 0.0");
    assertThatThrownBy(() -> ConfidenceSequence.compare(CONTROL, TREATMENT, 0, 5000))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("alpha must be in (0, 1), got 0.0");
  }
}
