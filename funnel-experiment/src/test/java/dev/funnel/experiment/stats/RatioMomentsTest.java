package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RatioMomentsTest {
  @Test
  void deltaVarianceOfAHandExample() {
    // Numerators 1, 2, 3 and denominators 2, 2, 4: μN = 2, μD = 8/3, σN² = 1, σD² = 4/3, σND = 1.
    // (1/3)·(1/(64/9) − 2·2·1/(512/27) + 4·(4/3)/(4096/81)) = (1/3)·(9/64 − 27/128 + 27/256) = (1/3)·(9/256) = 3/256.
    RatioMoments moments = RatioMoments.of(new double[] {1, 2, 3}, new double[] {2, 2, 4});

    assertThat(moments.ratio()).isCloseTo(0.75, within(1e-12));
    assertThat(moments.variance()).isCloseTo(3.0 / 256, within(1e-12));
  }

  @Test
  void deltaVarianceMatchesTheSpreadOfTheRatioOverReplicates() {
    // Users with 1..20 impressions and a user-level click rate: clicks of one user are correlated, so the spread of
    // Σclicks/Σimpressions across replicates is the truth the delta method must reproduce (a binomial would not).
    Random random = new Random(2024);
    int replicates = 2000;
    int users = 400;
    double[] ratios = new double[replicates];
    double meanDeltaVariance = 0;
    for (int r = 0; r < replicates; r++) {
      RatioMoments.Accumulator accumulator = new RatioMoments.Accumulator();
      for (int u = 0; u < users; u++) {
        int impressions = 1 + random.nextInt(20);
        double rate = 0.02 + 0.2 * random.nextDouble() * random.nextDouble();
        int clicks = 0;
        for (int i = 0; i < impressions; i++) {
          clicks += random.nextDouble() < rate ? 1 : 0;
        }
        accumulator.add(clicks, impressions);
      }
      RatioMoments moments = accumulator.moments();
      ratios[r] = moments.ratio();
      meanDeltaVariance += moments.variance() / replicates;
    }
    double spread = SampleMoments.of(ratios).variance();

    // The empirical variance of 2000 replicates has a relative standard error of about √(2/1999) ≈ 3.2 %.
    assertThat(meanDeltaVariance / spread).isBetween(0.9, 1.1);
  }

  @Test
  void streamsLikeTheArrays() {
    RatioMoments.Accumulator accumulator = new RatioMoments.Accumulator().add(1, 2).add(2, 2).add(3, 4);

    assertThat(accumulator.n()).isEqualTo(3);
    assertThat(accumulator.moments()).isEqualTo(RatioMoments.of(new double[] {1, 2, 3}, new double[] {2, 2, 4}));
  }

  @Test
  void rejectsAZeroDenominatorMean() {
    assertThatThrownBy(() -> RatioMoments.of(new double[] {1, 2}, new double[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("meanDenominator must be non-zero: the ratio is undefined");
    assertThatThrownBy(() -> new RatioMoments(1, 1, 1, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("n >= 2");
  }
}
