package dev.funnel.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopKTest {
  @Test
  void keepsTheBestWithTiesBySmallerId() {
    TopK top = new TopK(3);
    top.offer(7, 1f);
    top.offer(3, 2f);
    top.offer(9, 2f);
    top.offer(1, 0.5f);
    top.offer(5, 2f); // now ids 3, 5, 9 score 2; 7 (1) and 1 (0.5) are out
    top.offer(4, 2f); // a fourth tie at 2 pushes out the largest id, 9
    top.offer(11, 2f); // and a tie with a larger id than all kept ones does not enter
    assertThat(top.size()).isEqualTo(3);
    assertThat(top.drainIds()).containsExactly(3, 4, 5);
  }

  @Test
  void drainIntoWritesScoresAndEmptiesTheCollector() {
    TopK top = new TopK(4);
    top.offer(2, -1f);
    top.offer(8, Float.POSITIVE_INFINITY);
    top.offer(4, 0f);
    int[] ids = new int[4];
    float[] scores = new float[4];
    assertThat(top.drainInto(ids, scores)).isEqualTo(3);
    assertThat(ids).startsWith(8, 4, 2);
    assertThat(scores).startsWith(Float.POSITIVE_INFINITY, 0f, -1f);
    assertThat(top.size()).isZero();
    assertThat(top.drainIds()).isEmpty();
  }

  @Test
  void resetMakesItReusable() {
    TopK top = new TopK(2);
    top.offer(1, 1f);
    top.offer(2, 2f);
    top.reset();
    top.offer(3, 0f);
    assertThat(top.drainIds()).containsExactly(3);
  }

  @Test
  void wouldAcceptTellsWhetherAScoreCouldEnter() {
    TopK top = new TopK(2);
    assertThat(top.wouldAccept(-100f)).isTrue(); // not full yet
    top.offer(1, 5f);
    top.offer(2, 4f);
    assertThat(top.wouldAccept(3f)).isFalse();
    assertThat(top.wouldAccept(4f)).as("a tie may still win on id").isTrue();
    assertThat(top.wouldAccept(6f)).isTrue();
  }

  @Test
  void zeroCapacityKeepsNothing() {
    TopK top = new TopK(0);
    top.offer(1, 1f);
    assertThat(top.size()).isZero();
    assertThat(top.wouldAccept(10f)).isFalse();
    assertThat(top.drainIds()).isEmpty();
  }

  @Test
  void rejectsNaNAndNegativeCapacity() {
    assertThatThrownBy(() -> new TopK(1).offer(4, Float.NaN)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NaN score for id 4");
    assertThatThrownBy(() -> new TopK(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
