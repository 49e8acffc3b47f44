package dev.funnel.rank.component;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.rank.features.DaePairScorer;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.online.Retriever;
import dev.funnel.twotower.dae.DaeConfig;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeRetriever;
import dev.funnel.twotower.dae.DaeTrainer;
import java.io.IOException;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The multinomial denoising autoencoder (Liang et al. 2018); its channel scans every item exactly. */
final class DaeChannelKind extends ModelChannel<DaeConfig, DaeModel> {
  private static final Logger LOG = LoggerFactory.getLogger(DaeChannelKind.class);

  @Override
  public String name() {
    return DaeRetriever.NAME;
  }

  @Override
  public String description() {
    return "the multinomial denoising autoencoder (Mult-DAE, DJL/PyTorch training; options models.dae or --dae-*)";
  }

  @Override
  public String optionPrefix() {
    return "dae-";
  }

  @Override
  DaeConfig settings(PipelineOptions options) {
    return DaeConfig.read(options);
  }

  @Override
  DaeModel train(Dataset data, DaeConfig config) {
    LOG.info("dae: training ({} hidden units)", config.hidden());
    DaeTrainer.Result trained = new DaeTrainer(config, (epoch, loss, ndcg, best) -> LOG.info(String.format(
        Locale.ROOT, "autoencoder epoch %d: loss %.4f, validation NDCG@10 %.4f%s", epoch, loss, ndcg,
        best ? " (best)" : ""))).train(data.interactions());
    LOG.info("{}", trained);
    return trained.model();
  }

  @Override
  PairTraining.PairModel pairModel(DaeModel model) {
    return DaePairScorer.pairModel(model);
  }

  @Override
  void write(DaeModel model, SnapshotWriter writer) throws IOException {
    model.write(writer);
  }

  @Override
  public boolean isIn(Manifest manifest) {
    return DaeModel.isIn(manifest);
  }

  @Override
  public PairTraining.PairModel read(Snapshot snapshot) throws IOException {
    return pairModel(DaeModel.read(snapshot));
  }

  @Override
  public Retriever open(CfModel model, ChannelSpec channel, int lastN) throws IOException {
    return new DaeRetriever(DaeModel.read(model.snapshot()));
  }
}
