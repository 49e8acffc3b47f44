package dev.funnel.rank.features;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.retrieval.online.UserHistory;
import dev.funnel.twotower.dae.DaeModel;
import org.junit.jupiter.api.Test;

/** The autoencoder's pair score of a candidate list, against its forward pass worked out by hand. */
class DaePairScorerTest {
  // 2 items, 1 hidden unit: h = tanh(0.1 + (0.5 · [item 0] + 2 · [item 1]) / √n); scores 3h − 1 and −h.
  private static final DaeModel MODEL = new DaeModel(2, 1, new float[] {0.5f, 2f}, new float[] {0.1f},
      new float[] {3f, -1f}, new float[] {-1f, 0f});

  @Test
  void scoresEachCandidateFromTheRequestsHistory() {
    float[] out = new float[4];
    UserHistory history = new UserHistory(7, new int[] {1, 0, 9}, new float[] {1, 1, 1}, 2);

    new DaePairScorer(MODEL).score(history, new int[] {0, 1, 5, 0}, 3, out);

    double h = Math.tanh(0.1 + (0.5 + 2) / Math.sqrt(2));
    assertThat(out[0]).isCloseTo((float) (3 * h - 1), within(1e-6f));
    assertThat(out[1]).isCloseTo((float) -h, within(1e-6f));
    assertThat(out[2]).as("an item the model does not know").isNaN();
    assertThat(out[3]).as("past count: untouched").isZero();
  }

  @Test
  void aHistoryWithoutKnownItemsHasNoScore() {
    float[] out = new float[2];

    new DaePairScorer(MODEL).score(UserHistory.empty(), new int[] {0, 1}, 2, out);

    assertThat(out).containsOnly(Float.NaN);
  }
}
