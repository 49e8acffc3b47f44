package dev.funnel.rank.component;

import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.rank.features.DaePairScorer;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.online.Retriever;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeRetriever;
import java.io.IOException;

/**
 * The multinomial denoising autoencoder (Liang et al. 2018; trained by funnel-learn); its channel scans every item
 * exactly.
 */
final class DaeChannelKind extends ModelChannel {
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
  public boolean isIn(Manifest manifest) {
    return DaeModel.isIn(manifest);
  }

  @Override
  public PairTraining.PairModel read(Snapshot snapshot) throws IOException {
    return DaePairScorer.pairModel(DaeModel.read(snapshot));
  }

  @Override
  public Retriever open(CfModel model, ChannelSpec channel, int lastN) throws IOException {
    return new DaeRetriever(DaeModel.read(model.snapshot()));
  }
}
