package dev.funnel.rank.component;

import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.features.TwoTowerPairScorer;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.online.Retriever;
import dev.funnel.twotower.ann.AnnOptions;
import dev.funnel.twotower.ann.VectorIndex;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerChannel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The two-tower model (plain-Java towers, trained by funnel-learn); served through its ANN index. */
final class TwoTowerChannelKind extends ModelChannel {
  private static final Logger LOG = LoggerFactory.getLogger(TwoTowerChannelKind.class);

  @Override
  public String name() {
    return TwoTowerRetriever.NAME;
  }

  @Override
  public String description() {
    return "the two-tower model (DJL/PyTorch training, ANN search; options models.twotower or --tt-*)";
  }

  @Override
  public String optionPrefix() {
    return "tt-";
  }

  @Override
  public void finish(Path snapshot) throws IOException {
    long start = System.nanoTime();
    try (VectorIndex index = TwoTowerChannel.buildIndex(snapshot, AnnOptions.defaults())) {
      LOG.info(String.format(Locale.ROOT, "twotower ann: %,d item vectors, %s index, %.2f s", index.size(),
          index.kind().name().toLowerCase(Locale.ROOT), (System.nanoTime() - start) / 1e9));
    }
  }

  @Override
  public boolean isIn(Manifest manifest) {
    return TwoTowerModel.isIn(manifest);
  }

  @Override
  public PairTraining.PairModel read(Snapshot snapshot) throws IOException {
    return TwoTowerPairScorer.pairModel(TwoTowerModel.read(snapshot));
  }

  @Override
  public Retriever open(CfModel model, ChannelSpec channel, int lastN) throws IOException {
    return TwoTowerChannel.open(model.snapshot().directory());
  }
}
