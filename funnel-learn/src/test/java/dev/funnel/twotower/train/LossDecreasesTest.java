package dev.funnel.twotower.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.Dataset;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TwoTowerModel;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Gradient sanity: on two separable groups every mode lowers its loss and learns to score a user's group higher. */
class LossDecreasesTest {
  private static final Dataset DATA = TinyData.twoGroups(16, 12, 5, 7);
  private static final TowerConfig TOWER = TowerConfig.defaults().withEmbeddingDim(8).withHidden(16)
      .withOutputDim(8).withHistoryLength(3);

  static Stream<Arguments> modes() {
    return Stream.of(
        Arguments.of("pointwise 1:3 uniform", base().mode(TrainingMode.POINTWISE).negatives(NegativeMix.parse("uniform"))
            .negativesPerPositive(3).temperature(0.2).build()),
        Arguments.of("pairwise hinge popularity", base().mode(TrainingMode.PAIRWISE).pairLoss(PairLoss.HINGE)
            .negatives(NegativeMix.parse("popularity")).negativesPerPositive(1).margin(0.5).build()),
        Arguments.of("pairwise logistic mix", base().mode(TrainingMode.PAIRWISE).pairLoss(PairLoss.LOGISTIC)
            .negatives(NegativeMix.parse("uniform:1,popularity:1")).sigma(5).build()),
        Arguments.of("listwise sampled", base().mode(TrainingMode.LISTWISE).negatives(NegativeMix.parse("uniform"))
            .negativesPerPositive(4).temperature(0.1).build()),
        Arguments.of("listwise in-batch logQ", base().mode(TrainingMode.LISTWISE)
            .negatives(NegativeMix.parse("in-batch")).temperature(0.1).logQ(true).build()),
        Arguments.of("listwise in-batch + popularity", base().mode(TrainingMode.LISTWISE)
            .negatives(NegativeMix.parse("in-batch,popularity")).negativesPerPositive(2).temperature(0.1).build()));
  }

  private static TrainingConfig.Builder base() {
    return TrainingConfig.builder().batchSize(32).epochs(12).validationUsers(0).learningRate(0.02).patience(100);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("modes")
  void lossDecreasesAndGroupsSeparate(String name, TrainingConfig config) {
    TrainingResult result = new TwoTowerTrainer(TOWER, config).train(DATA, Exposures.NONE, TrainingListener.NONE);

    List<EpochReport> epochs = result.epochs();
    assertThat(epochs).hasSize(12);
    assertThat(epochs.get(epochs.size() - 1).loss()).isLessThan(0.8 * epochs.get(0).loss());
    assertThat(ownGroupMargin(result.model())).isGreaterThan(0.1);
  }

  /** Mean over users of (mean score of own-group items − mean score of other-group items). */
  static double ownGroupMargin(TwoTowerModel model) {
    var users = DATA.users();
    var items = DATA.items();
    var m = DATA.interactions();
    double total = 0;
    for (int u = 0; u < users.size(); u++) {
      float[] a = model.userVector(u, m.userItems(), m.userOffsets()[u], m.userOffsets()[u + 1]);
      char group = users.externalId(u).charAt(0);
      double own = 0;
      double other = 0;
      int ownCount = 0;
      int otherCount = 0;
      for (int i = 0; i < items.size(); i++) {
        String id = items.externalId(i);
        if (id.equals("cold")) {
          continue;
        }
        float s = TwoTowerModel.score(a, model.itemVector(i));
        if (Character.toLowerCase(id.charAt(0)) == group) {
          own += s;
          ownCount++;
        } else {
          other += s;
          otherCount++;
        }
      }
      total += own / ownCount - other / otherCount;
    }
    return total / users.size();
  }
}
