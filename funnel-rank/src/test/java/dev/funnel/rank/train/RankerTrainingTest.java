package dev.funnel.rank.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.rank.model.GbdtRanker;
import dev.funnel.rank.model.TrainingSet;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bag recipe: one member per validation fifth of the users, each seeded apart, their mean as the score. */
class RankerTrainingTest {
  private static final String[] NAMES = {"signal", "noise"};
  private static final GbdtRanker.Settings SETTINGS =
      new GbdtRanker.Settings("binary:logistic", 30, 10, 3, 0.3, 1, 9, 1);

  /** 100 users with one request of 10 rows each; positives have a higher signal, blurred by noise. */
  private static TrainingSet examples() {
    Random random = new Random(3);
    int users = 100;
    int rows = 10;
    float[] features = new float[users * rows * 2];
    float[] labels = new float[users * rows];
    for (int r = 0; r < labels.length; r++) {
      labels[r] = random.nextDouble() < 0.2 ? 1 : 0;
      features[2 * r] = labels[r] + (float) random.nextGaussian();
      features[2 * r + 1] = random.nextFloat();
    }
    int[] groups = new int[users];
    Arrays.fill(groups, rows);
    int[] ids = new int[users];
    Arrays.setAll(ids, u -> u);
    return new TrainingSet(NAMES, features, labels, groups, ids);
  }

  @Test
  void trainsOneMemberPerFifthAndScoresTheirMean() {
    TrainingSet examples = examples();
    GbdtRanker bag = RankerTraining.ranker(examples, SETTINGS, 3);
    GbdtRanker single = RankerTraining.ranker(examples, SETTINGS, 1);

    assertThat(bag.members()).isEqualTo(3);
    assertThat(single.members()).isEqualTo(1);
    assertThat(bag.importance()).containsKey("signal");
    float[] bagScores = new float[examples.rows()];
    float[] singleScores = new float[examples.rows()];
    bag.score(examples.features(), examples.rows(), 2, bagScores);
    single.score(examples.features(), examples.rows(), 2, singleScores);
    // The first member is the single ranker (fifth 0, the same seed); the others move the mean away from it.
    assertThat(bagScores).isNotEqualTo(singleScores);
    // Both rank by the signal: a clearly higher signal scores higher.
    float[] low = {-2f, 0.5f, 3f, 0.5f};
    float[] out = new float[2];
    bag.score(low, 2, 2, out);
    assertThat(out[1]).isGreaterThan(out[0]);
  }

  @Test
  void membersOutsideOneToFiveAreRefused() {
    TrainingSet examples = examples();
    assertThatThrownBy(() -> RankerTraining.ranker(examples, SETTINGS, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 5 members");
    assertThatThrownBy(() -> RankerTraining.ranker(examples, SETTINGS, 6))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 to 5 members");
  }
}
