package dev.funnel.twotower.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.data.InteractionMatrix;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sampler's draws follow the stated distributions and never return the row's positive. */
class NegativeSamplerTest {
  /** 3 users, 4 items; item degrees 3, 2, 1, 0. */
  private static final InteractionMatrix M = InteractionMatrix.of(3, 4,
      new int[] {0, 0, 0, 1, 1, 2}, new int[] {0, 1, 2, 0, 1, 0}, new float[] {1, 1, 1, 1, 1, 1},
      new long[] {1, 2, 3, 4, 5, 6});

  @Test
  void popularityFollowsCountToThePowerThreeQuarters() {
    NegativeSampler sampler = new NegativeSampler(M, NegativeMix.parse("popularity"), Exposures.NONE);
    int draws = 200_000;
    int[] counts = new int[4];
    SplittableRandom random = new SplittableRandom(1);
    for (int k = 0; k < draws; k++) {
      counts[sampler.draw(2, -1, random)]++;
    }
    double[] weights = {Math.pow(3, 0.75), Math.pow(2, 0.75), 1, 0};
    double total = weights[0] + weights[1] + weights[2];
    for (int i = 0; i < 4; i++) {
      assertThat((double) counts[i] / draws).as("item %d", i).isCloseTo(weights[i] / total, within(0.005));
    }
  }

  @Test
  void exposedDrawsOnlyExposedItemsTheUserDidNotTouch() {
    // User 1 saw items 0 (interacted), 2 and 3; user 2 saw nothing, so it falls back to uniform.
    Exposures exposures = new Exposures(new int[] {1, 1, 1}, new int[] {0, 2, 3});
    NegativeSampler sampler = new NegativeSampler(M, NegativeMix.parse("exposed"), exposures);
    SplittableRandom random = new SplittableRandom(2);
    boolean[] seen = new boolean[4];
    for (int k = 0; k < 1000; k++) {
      int item = sampler.draw(1, 1, random);
      assertThat(item).isIn(2, 3);
      seen[item] = true;
      assertThat(sampler.draw(2, 0, random)).isNotEqualTo(0);
    }
    assertThat(seen[2] && seen[3]).isTrue();
  }

  @Test
  void exposuresOutsideTheDatasetAreRejected() {
    assertThatThrownBy(() -> new NegativeSampler(M, NegativeMix.parse("exposed"),
        new Exposures(new int[] {0}, new int[] {9}))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item 9");
  }
}
