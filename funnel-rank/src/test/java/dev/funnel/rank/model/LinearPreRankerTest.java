package dev.funnel.rank.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.rank.model.TrainingSet;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearPreRankerTest {
  private static final String[] NAMES = {"itemcf.score", "itemcf.rank", "fused", "item_stats.events", "noise"};
  private static final int GROUPS = 100;
  private static final int ROWS_PER_GROUP = 20;
  private static final int POSITIVES_PER_GROUP = 3;

  /**
   * Positives have ranks 1..10 and a fused score around 0.03; negatives ranks 5..200 (or missing, 30%) and a fused
   * score around 0.015. Popularity and noise carry no signal.
   */
  private static TrainingSet synthetic(long seed) {
    Random random = new Random(seed);
    int rows = GROUPS * ROWS_PER_GROUP;
    float[] features = new float[rows * NAMES.length];
    float[] labels = new float[rows];
    for (int r = 0; r < rows; r++) {
      boolean positive = r % ROWS_PER_GROUP < POSITIVES_PER_GROUP;
      labels[r] = positive ? 1 : 0;
      int at = r * NAMES.length;
      float rank = positive ? 1 + random.nextInt(10) : random.nextDouble() < 0.3 ? Float.NaN : 5 + random.nextInt(196);
      features[at] = Float.isNaN(rank) ? Float.NaN : 1f / rank;
      features[at + 1] = rank;
      features[at + 2] = (float) ((positive ? 0.03 : 0.015) + 0.006 * random.nextGaussian());
      features[at + 3] = random.nextInt(1_000); // a heavy count, which the pre-ranker reads as its log
      features[at + 4] = (float) random.nextGaussian();
    }
    int[] groups = new int[GROUPS];
    Arrays.fill(groups, ROWS_PER_GROUP);
    return new TrainingSet(NAMES, features, labels, groups);
  }

  @Test
  void scoresHeldOutPositivesAboveNegatives() {
    TrainingSet all = synthetic(3);
    LinearPreRanker preRanker = LinearPreRanker.train(all.groups(0, 80));
    TrainingSet heldOut = all.groups(80, GROUPS);
    float[] scores = new float[heldOut.rows()];
    preRanker.score(heldOut.features(), heldOut.rows(), heldOut.dimension(), scores);
    long pairs = 0;
    long right = 0;
    for (int g = 0; g < heldOut.groups().length; g++) {
      int base = g * ROWS_PER_GROUP;
      for (int p = base; p < base + ROWS_PER_GROUP; p++) {
        for (int n = base; n < base + ROWS_PER_GROUP; n++) {
          if (heldOut.labels()[p] > 0 && heldOut.labels()[n] == 0) {
            pairs++;
            right += scores[p] > scores[n] ? 1 : 0;
          }
        }
      }
    }
    assertThat((double) right / pairs).as("share of positive-negative pairs in order").isGreaterThan(0.95);
  }

  @Test
  void aMissingRankScoresLikeTheWorstRank() {
    LinearPreRanker preRanker = LinearPreRanker.train(synthetic(4));
    float[] ranks = {Float.NaN, 1e7f, 150, 20, 1};
    float[] rows = new float[ranks.length * NAMES.length];
    for (int r = 0; r < ranks.length; r++) {
      int at = r * NAMES.length;
      rows[at] = 0.1f; // not an input: the pre-ranker reads channel ranks, not channel scores
      rows[at + 1] = ranks[r];
      rows[at + 2] = 0.02f;
    }
    float[] scores = new float[ranks.length];
    preRanker.score(rows, ranks.length, NAMES.length, scores);
    assertThat(scores[0]).isCloseTo(scores[1], within(1e-3f));
    assertThat(scores[0]).isLessThan(scores[2]);
    assertThat(scores[2]).isLessThan(scores[3]);
    assertThat(scores[3]).isLessThan(scores[4]);
  }

  @Test
  void describeNamesItsInputs() {
    LinearPreRanker preRanker = LinearPreRanker.train(synthetic(5));
    String text = preRanker.describe();
    assertThat(text).contains("itemcf.rank (1/r)", "fused", "item_stats.events").doesNotContain("noise", "itemcf.score");
    assertThat(text.lines()).hasSize(3);
    assertThat(preRanker.name()).isEqualTo("prerank");
  }
}
