package dev.funnel.experiment.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class HolmTest {
  @Test
  void textbookExample() {
    // Sorted 0.005, 0.01, 0.03, 0.04 times 4, 3, 2, 1: 0.02, 0.03, 0.06, 0.04 → monotone 0.02, 0.03, 0.06, 0.06.
    double[] adjusted = Holm.adjust(new double[] {0.01, 0.04, 0.03, 0.005});

    assertThat(adjusted).containsExactly(new double[] {0.03, 0.06, 0.06, 0.02}, within(1e-12));
  }

  @Test
  void capsAtOneAndKeepsTies() {
    // Sorted 0.6, 0.7 times 2, 1: 1.2 capped at 1, then 0.7 raised to 1.
    assertThat(Holm.adjust(new double[] {0.7, 0.6})).containsExactly(new double[] {1, 1}, within(1e-12));
    // Sorted 0.2, 0.2, 0.5 times 3, 2, 1: 0.6, 0.4, 0.5, made monotone: 0.6 for all.
    assertThat(Holm.adjust(new double[] {0.5, 0.2, 0.2})).containsExactly(new double[] {0.6, 0.6, 0.6}, within(1e-12));
    assertThat(Holm.adjust(new double[] {0.7})).containsExactly(0.7);
    assertThat(Holm.adjust(new double[0])).isEmpty();
  }

  @Test
  void adjustedValuesFollowTheOrderOfTheRawOnesAndNeverShrink() {
    Random random = new Random(3);
    for (int trial = 0; trial < 200; trial++) {
      double[] p = new double[1 + random.nextInt(12)];
      for (int i = 0; i < p.length; i++) {
        p[i] = random.nextDouble() * random.nextDouble();
      }
      double[] adjusted = Holm.adjust(p);
      for (int i = 0; i < p.length; i++) {
        assertThat(adjusted[i]).isBetween(p[i], 1.0);
        for (int j = 0; j < p.length; j++) {
          if (p[i] < p[j]) {
            assertThat(adjusted[i]).isLessThanOrEqualTo(adjusted[j]);
          }
        }
      }
    }
  }

  @Test
  void rejectsValuesThatAreNotProbabilities() {
    assertThatThrownBy(() -> Holm.adjust(new double[] {0.1, 1.5}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("p-values must be in [0, 1], got 1.5");
    assertThatThrownBy(() -> Holm.adjust(new double[] {Double.NaN}))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("p-values must be in [0, 1], got NaN");
  }
}
