package dev.funnel.learn;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.rank.component.ModelTraining;
import dev.funnel.rank.features.TwoTowerPairScorer;
import dev.funnel.twotower.TwoTowerOptions;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import dev.funnel.twotower.train.Exposures;
import dev.funnel.twotower.train.TwoTowerTrainer;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains the {@code twotower} channel's model ({@link TwoTowerOptions}: the {@code --tt-*} options). */
public final class TwoTowerTraining implements ModelTraining {
  private static final Logger LOG = LoggerFactory.getLogger(TwoTowerTraining.class);

  @Override
  public String channel() {
    return TwoTowerRetriever.NAME;
  }

  @Override
  public void check(PipelineOptions options) {
    TwoTowerOptions.read(options);
  }

  @Override
  public Trained train(Dataset data, PipelineOptions options) {
    TwoTowerOptions settings = TwoTowerOptions.read(options);
    LOG.info("twotower: training ({}, dim {})", settings.training().mode().cliName(), settings.tower().outputDim());
    TwoTowerModel model = new TwoTowerTrainer(settings.tower(), settings.training()).train(data, Exposures.NONE,
        report -> LOG.info(String.format(Locale.ROOT, "  epoch %2d  loss %.4f  %,.0f examples/s  validation HR@10 "
            + "%.4f NDCG@10 %.4f%s", report.epoch(), report.loss(), report.examplesPerSecond(), report.validationHr(),
            report.validationNdcg(), report.best() ? "  (best)" : ""))).model();
    return new Trained(TwoTowerPairScorer.pairModel(model), model::write);
  }
}
