package dev.funnel.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Each transform on a hand-worked matrix: u0 has i0 (1) and i1 (3), u1 has i0 (4), u2 has i2 (2). Users' lengths
 * (summed weights) are 4, 4 and 2, mean 10/3; items have 2, 1 and 1 users of N = 3.
 */
class FeedbackTransformTest {
  private static InteractionMatrix matrix() {
    return InteractionMatrix.of(3, 3, new int[] {0, 0, 1, 2}, new int[] {0, 1, 0, 2}, new float[] {1, 3, 4, 2},
        new long[] {10, 20, 30, 40});
  }

  /** The transformed value of (user, item). */
  private static double value(FeedbackTransform transform, int user, int item) {
    InteractionMatrix m = transform.apply(matrix());
    for (int p = m.userOffsets()[user]; p < m.userOffsets()[user + 1]; p++) {
      if (m.userItems()[p] == item) {
        return m.userValues()[p];
      }
    }
    throw new AssertionError("no (" + user + ", " + item + ")");
  }

  @Test
  void noneKeepsTheWeights() {
    assertThat(value(FeedbackTransform.NONE, 0, 1)).isEqualTo(3);
    assertThat(value(FeedbackTransform.NONE, 1, 0)).isEqualTo(4);
  }

  @Test
  void log1p() {
    assertThat(value(FeedbackTransform.LOG1P, 0, 1)).isCloseTo(1.386294, within(1e-6)); // ln 4
    assertThat(value(FeedbackTransform.LOG1P, 0, 0)).isCloseTo(0.693147, within(1e-6)); // ln 2
  }

  @Test
  void binary() {
    assertThat(value(FeedbackTransform.BINARY, 1, 0)).isEqualTo(1);
    assertThat(value(FeedbackTransform.BINARY, 2, 2)).isEqualTo(1);
  }

  @Test
  void userNormIsTheUsersShare() {
    assertThat(value(FeedbackTransform.USER_NORM, 0, 0)).isCloseTo(0.25, within(1e-7));
    assertThat(value(FeedbackTransform.USER_NORM, 0, 1)).isCloseTo(0.75, within(1e-7));
    assertThat(value(FeedbackTransform.USER_NORM, 1, 0)).isEqualTo(1);
  }

  @Test
  void bm25() {
    // (u0, i0): idf = ln(1 + (3 − 2 + 0.5) / (2 + 0.5)) = ln 1.6 = 0.470004; norm = 0.2 + 0.8 · 4 / (10/3) = 1.16;
    // 0.470004 · 1 · 101 / (1 + 100 · 1.16) = 0.405730.
    assertThat(value(FeedbackTransform.BM25, 0, 0)).isCloseTo(0.405730, within(1e-5));
    // (u2, i2): idf = ln(1 + 2.5 / 1.5) = 0.980829; norm = 0.2 + 0.8 · 2 / (10/3) = 0.68;
    // 0.980829 · 2 · 101 / (2 + 68) = 2.830393.
    assertThat(value(FeedbackTransform.BM25, 2, 2)).isCloseTo(2.830393, within(1e-5));
  }

  @Test
  void keepsUsersItemsAndTimes() {
    InteractionMatrix m = FeedbackTransform.BM25.apply(matrix());
    InteractionMatrix raw = matrix();
    assertThat(m.userItems()).isEqualTo(raw.userItems());
    assertThat(m.userTimes()).isEqualTo(raw.userTimes());
    assertThat(m.itemUsers()).isEqualTo(raw.itemUsers());
    assertThat(m.itemValues()[0]).as("the item view follows").isCloseTo(0.405730f, within(1e-5f));
  }

  @Test
  void liveValuesAsFarAsOneValueDeterminesThem() {
    assertThat(FeedbackTransform.NONE.live(3)).isEqualTo(3);
    assertThat((double) FeedbackTransform.LOG1P.live(3)).isCloseTo(1.386294, within(1e-6)); // ln 4
    assertThat(FeedbackTransform.BINARY.live(3)).isEqualTo(1);
    assertThat(FeedbackTransform.USER_NORM.live(3)).isEqualTo(3);
    assertThat((double) FeedbackTransform.BM25.live(3)).isCloseTo(2.941748, within(1e-6)); // 3 · 101 / 103
  }

  @Test
  void parsesNamesAndNamesTheKnownOnes() {
    assertThat(FeedbackTransform.parse(" User-Norm ")).isEqualTo(FeedbackTransform.USER_NORM);
    assertThat(FeedbackTransform.parse("bm25")).isEqualTo(FeedbackTransform.BM25);
    assertThatThrownBy(() -> FeedbackTransform.parse("sqrt"))
        .hasMessage("unknown feedback transform 'sqrt'; known: none, log1p, binary, user-norm, bm25");
  }
}
