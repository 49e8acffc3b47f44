package dev.funnel.learn;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.rank.component.ModelTraining;
import dev.funnel.rank.features.DaePairScorer;
import dev.funnel.twotower.dae.DaeConfig;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeRetriever;
import dev.funnel.twotower.dae.DaeTrainer;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Trains the {@code dae} channel's model ({@link DaeConfig}: the {@code --dae-*} options). */
public final class DaeTraining implements ModelTraining {
  private static final Logger LOG = LoggerFactory.getLogger(DaeTraining.class);

  @Override
  public String channel() {
    return DaeRetriever.NAME;
  }

  @Override
  public void check(PipelineOptions options) {
    DaeConfig.read(options);
  }

  @Override
  public Trained train(Dataset data, PipelineOptions options) {
    DaeConfig config = DaeConfig.read(options);
    LOG.info("dae: training ({} hidden units)", config.hidden());
    DaeTrainer.Result trained = new DaeTrainer(config, (epoch, loss, ndcg, best) -> LOG.info(String.format(
        Locale.ROOT, "autoencoder epoch %d: loss %.4f, validation NDCG@10 %.4f%s", epoch, loss, ndcg,
        best ? " (best)" : ""))).train(data.interactions());
    LOG.info("{}", trained);
    DaeModel model = trained.model();
    return new Trained(DaePairScorer.pairModel(model), model::write);
  }
}
