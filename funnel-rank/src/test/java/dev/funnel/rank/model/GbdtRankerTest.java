package dev.funnel.rank.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.rank.model.TrainingSet;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A learnable ranking problem: 200 requests of 20 candidates, a candidate is relevant when its "signal" feature
 * exceeds 0.7; three noise features carry nothing. Groups 0–119 train, 120–159 validate, 160–199 are held out.
 */
class GbdtRankerTest {
  private static final String[] NAMES = {"noise1", "signal", "noise2", "noise3"};
  private static final int GROUPS = 200;
  private static final int ROWS_PER_GROUP = 20;
  private static final GbdtRanker.Settings SETTINGS = new GbdtRanker.Settings("rank:ndcg", 60, 10, 3, 0.3, 1, 7, 1);

  private static TrainingSet all;
  private static GbdtRanker ranker;

  @BeforeAll
  static void train() {
    Random random = new Random(17);
    int rows = GROUPS * ROWS_PER_GROUP;
    float[] features = new float[rows * NAMES.length];
    float[] labels = new float[rows];
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < NAMES.length; f++) {
        features[r * NAMES.length + f] = random.nextFloat();
      }
      labels[r] = features[r * NAMES.length + 1] > 0.7f ? 1 : 0;
    }
    int[] groups = new int[GROUPS];
    Arrays.fill(groups, ROWS_PER_GROUP);
    all = new TrainingSet(NAMES, features, labels, groups);
    ranker = GbdtRanker.train(all.groups(0, 120), all.groups(120, 160), SETTINGS);
  }

  @Test
  void beatsRandomOrderOnHeldOutRequests() {
    TrainingSet heldOut = all.groups(160, GROUPS);
    float[] scores = score(ranker, heldOut);
    float[] shuffled = new float[scores.length];
    Random random = new Random(3);
    for (int r = 0; r < shuffled.length; r++) {
      shuffled[r] = random.nextFloat();
    }
    double learned = meanNdcgAt5(heldOut, scores);
    double chance = meanNdcgAt5(heldOut, shuffled);
    assertThat(learned).isGreaterThan(0.95);
    assertThat(learned - chance).as("NDCG@5 %s vs random %s", learned, chance).isGreaterThan(0.3);
    assertThat(ranker.rounds()).isBetween(1, SETTINGS.rounds());
    assertThat(ranker.name()).isEqualTo("gbdt");
  }

  @Test
  void survivesARoundTripThroughBytes() {
    TrainingSet heldOut = all.groups(160, GROUPS);
    GbdtRanker copy = GbdtRanker.fromBytes(ranker.toBytes(0), NAMES);
    assertThat(score(copy, heldOut)).containsExactly(score(ranker, heldOut));
    assertThat(copy.importance()).isEqualTo(ranker.importance());
  }

  @Test
  void rejectsBytesThatAreNoModel() {
    assertThatThrownBy(() -> GbdtRanker.fromBytes(new byte[] {1, 2, 3}, NAMES))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an XGBoost JSON model");
  }

  @Test
  void importancePutsTheSignalFirst() {
    assertThat(ranker.importance()).isNotEmpty();
    assertThat(ranker.importance().keySet().iterator().next()).isEqualTo("signal");
    assertThat(NAMES).containsAll(ranker.importance().keySet());
  }

  @Test
  void scoresZeroRows() {
    float[] out = new float[0];
    ranker.score(new float[0], 0, NAMES.length, out);
    assertThat(out).isEmpty();
  }

  @Test
  void theLearningRateChangesTheModel() {
    TrainingSet train = all.groups(0, 40);
    TrainingSet validation = all.groups(40, 60);
    GbdtRanker slow =
        GbdtRanker.train(train, validation, new GbdtRanker.Settings("binary:logistic", 1, 1, 2, 0.01, 1, 7, 1));
    GbdtRanker fast =
        GbdtRanker.train(train, validation, new GbdtRanker.Settings("binary:logistic", 1, 1, 2, 0.5, 1, 7, 1));
    TrainingSet heldOut = all.groups(160, 170);
    float[] slowScores = score(slow, heldOut);
    float[] fastScores = score(fast, heldOut);
    // the same trees, shrunk differently: the fast model's scores spread ~50× wider
    assertThat(spread(fastScores)).isGreaterThan(10 * spread(slowScores));
  }

  @Test
  void rejectsBadSettings() {
    assertBad(() -> new GbdtRanker.Settings("rank:ndcg", 0, 10, 3, 0.1, 1, 1, 1));
    assertBad(() -> new GbdtRanker.Settings("rank:ndcg", 10, 0, 3, 0.1, 1, 1, 1));
    assertBad(() -> new GbdtRanker.Settings("rank:ndcg", 10, 10, 0, 0.1, 1, 1, 1));
    assertBad(() -> new GbdtRanker.Settings("rank:ndcg", 10, 10, 3, 0, 1, 1, 1));
    assertBad(() -> new GbdtRanker.Settings("rank:ndcg", 10, 10, 3, 1.5, 1, 1, 1));
    assertBad(() -> new GbdtRanker.Settings("rank:ndcg", 10, 10, 3, Double.NaN, 1, 1, 1));
    assertBad(() -> new GbdtRanker.Settings("rank:ndcg", 10, 10, 3, 0.1, 1, 1, 0));
    assertBad(() -> new GbdtRanker.Settings("rank:ndcg", 10, 10, 3, 0.1, -1, 1, 1));
    assertThatThrownBy(() -> new GbdtRanker.Settings("reg:tweedie", 10, 10, 3, 0.1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown ranker objective 'reg:tweedie'");
    assertThat(GbdtRanker.Settings.defaults(5).seed()).isEqualTo(5);
  }

  private static void assertBad(org.assertj.core.api.ThrowableAssert.ThrowingCallable settings) {
    assertThatThrownBy(settings).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ranker settings");
  }

  private static float[] score(GbdtRanker model, TrainingSet set) {
    float[] scores = new float[set.rows()];
    model.score(set.features(), set.rows(), set.dimension(), scores);
    return scores;
  }

  private static double spread(float[] values) {
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (float v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    return max - min;
  }

  /** NDCG@5 averaged over the groups that have a relevant row; ties broken by row order. */
  private static double meanNdcgAt5(TrainingSet set, float[] scores) {
    double sum = 0;
    int counted = 0;
    int base = 0;
    for (int size : set.groups()) {
      Integer[] order = new Integer[size];
      for (int k = 0; k < size; k++) {
        order[k] = base + k;
      }
      Arrays.sort(order, (a, b) -> Float.compare(scores[b], scores[a]));
      int relevant = 0;
      for (int k = 0; k < size; k++) {
        relevant += set.labels()[base + k] > 0 ? 1 : 0;
      }
      if (relevant > 0) {
        double dcg = 0;
        double ideal = 0;
        for (int k = 0; k < Math.min(5, size); k++) {
          dcg += set.labels()[order[k]] / log2(k + 2);
          ideal += k < relevant ? 1 / log2(k + 2) : 0;
        }
        sum += dcg / ideal;
        counted++;
      }
      base += size;
    }
    return sum / counted;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
