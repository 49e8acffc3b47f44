package dev.funnel.twotower.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TwoTowerModel;
import org.junit.jupiter.api.Test;

/**
 * In-batch negatives oversample popular items (each is a negative as often as it is a positive), so without
 * correction the model learns to push popular items down. Subtracting log q(item) from the logits (Yi et al. 2019)
 * removes that bias: popular items must then score higher, relative to niche items, than without it.
 */
class LogQCorrectionTest {
  private static final int USERS = 48;
  private static final int POPULAR = 4;
  private static final int NICHE = 48;

  /** Every user interacts with every popular item and with two niche items of their own. */
  private static Dataset popularAndNiche() {
    DatasetBuilder b = new DatasetBuilder();
    long time = 1;
    for (int u = 0; u < USERS; u++) {
      for (int p = 0; p < POPULAR; p++) {
        b.addEvent("u" + u, "pop" + p, 1f, false, time++);
      }
      b.addEvent("u" + u, "niche" + (u % NICHE), 1f, false, time++);
      b.addEvent("u" + u, "niche" + ((u + 1) % NICHE), 1f, false, time++);
    }
    return b.build("popular and niche", "0".repeat(64), 0f);
  }

  @Test
  void correctionRaisesPopularItemsRelativeToNiche() {
    Dataset data = popularAndNiche();
    TowerConfig tower = TowerConfig.defaults().withEmbeddingDim(8).withHidden(16).withOutputDim(8)
        .withHistoryLength(0);
    TrainingConfig.Builder training = TrainingConfig.builder().mode(TrainingMode.LISTWISE)
        .negatives(NegativeMix.parse("in-batch")).batchSize(64).epochs(15).learningRate(0.02).temperature(0.1)
        .validationUsers(0).idDropout(0).patience(100);

    TwoTowerModel corrected = new TwoTowerTrainer(tower, training.logQ(true).build())
        .train(data, Exposures.NONE, TrainingListener.NONE).model();
    TwoTowerModel uncorrected = new TwoTowerTrainer(tower, training.logQ(false).build())
        .train(data, Exposures.NONE, TrainingListener.NONE).model();

    double gapCorrected = popularMinusNiche(corrected, data);
    double gapUncorrected = popularMinusNiche(uncorrected, data);
    assertThat(gapCorrected).isGreaterThan(gapUncorrected + 0.1);
  }

  /** Mean over users of (mean score of the popular items − mean score of all niche items). */
  private static double popularMinusNiche(TwoTowerModel model, Dataset data) {
    InteractionMatrix m = data.interactions();
    double total = 0;
    for (int u = 0; u < m.numUsers(); u++) {
      float[] a = model.userVector(u, m.userItems(), m.userOffsets()[u], m.userOffsets()[u + 1]);
      double popular = 0;
      double niche = 0;
      for (int i = 0; i < m.numItems(); i++) {
        float s = TwoTowerModel.score(a, model.itemVector(i));
        if (data.items().externalId(i).startsWith("pop")) {
          popular += s / POPULAR;
        } else {
          niche += s / NICHE;
        }
      }
      total += popular - niche;
    }
    return total / m.numUsers();
  }
}
