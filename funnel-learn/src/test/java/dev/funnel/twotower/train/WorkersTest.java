package dev.funnel.twotower.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.Dataset;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TwoTowerModel;
import org.junit.jupiter.api.Test;

/**
 * Data-parallel workers: shares of a batch whose losses are sums over rows give the gradient one worker computes
 * (so the same weights up to rounding), repeatably; in-batch negatives come from each share only, so listwise
 * in-batch training differs but still learns.
 */
class WorkersTest {
  private static final Dataset DATA = TinyData.twoGroups(16, 12, 5, 7);
  private static final TowerConfig TOWER = TowerConfig.defaults().withEmbeddingDim(8).withHidden(16)
      .withOutputDim(8).withHistoryLength(3);

  private static TrainingConfig.Builder pairwise() {
    return TrainingConfig.builder().mode(TrainingMode.PAIRWISE).pairLoss(PairLoss.LOGISTIC)
        .negatives(NegativeMix.parse("uniform:1,popularity:1")).negativesPerPositive(2).batchSize(30).epochs(4)
        .validationUsers(0).learningRate(0.01).idDropout(0.2);
  }

  private static TrainingResult train(TrainingConfig config) {
    return new TwoTowerTrainer(TOWER, config).train(DATA, Exposures.NONE, TrainingListener.NONE);
  }

  @Test
  void sharesOfABatchGiveTheGradientOfTheWholeBatch() {
    TwoTowerModel one = train(pairwise().workers(1).build()).model();
    TwoTowerModel three = train(pairwise().workers(3).build()).model();

    float[] a = one.itemVectors();
    float[] b = three.itemVectors();
    assertThat(b).hasSameSizeAs(a);
    double largest = 0;
    for (int k = 0; k < a.length; k++) {
      largest = Math.max(largest, Math.abs(a[k] - b[k]));
    }
    // Rounding only: the shares' sums add up in another order.
    assertThat(largest).isLessThan(1e-4);
    // Not trivially equal because nothing was learnt: training moved the vectors.
    TwoTowerModel untrained = train(pairwise().workers(1).epochs(1).learningRate(1e-9).build()).model();
    double moved = 0;
    for (int k = 0; k < a.length; k++) {
      moved = Math.max(moved, Math.abs(a[k] - untrained.itemVectors()[k]));
    }
    assertThat(moved).isGreaterThan(100 * largest);
  }

  @Test
  void severalWorkersAreRepeatable() {
    TrainingConfig config = pairwise().workers(2).build();

    assertThat(train(config).model().itemVectors()).containsExactly(train(config).model().itemVectors());
  }

  @Test
  void listwiseInBatchSharesStillLearn() {
    TrainingConfig config = TrainingConfig.builder().mode(TrainingMode.LISTWISE)
        .negatives(NegativeMix.parse("in-batch")).temperature(0.1).batchSize(32).epochs(12).validationUsers(0)
        .learningRate(0.02).patience(100).workers(2).build();
    TrainingResult result = train(config);

    assertThat(result.epochs().get(11).loss()).isLessThan(0.8 * result.epochs().get(0).loss());
    assertThat(LossDecreasesTest.ownGroupMargin(result.model())).isGreaterThan(0.1);
  }

  @Test
  void workersMustBePositive() {
    assertThatThrownBy(() -> pairwise().workers(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("workers");
  }
}
