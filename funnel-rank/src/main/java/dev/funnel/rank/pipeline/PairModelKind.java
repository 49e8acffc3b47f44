package dev.funnel.rank.pipeline;

import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.rank.features.DaePairScorer;
import dev.funnel.rank.features.TwoTowerPairScorer;
import dev.funnel.rank.train.PairTraining;
import dev.funnel.twotower.TwoTowerOptions;
import dev.funnel.twotower.dae.DaeConfig;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeRetriever;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The learned models a snapshot's ranking stages can read as their pair model (the {@code pair.score} feature) and
 * extra channel, named by that channel: the two-tower and the autoencoder. A build trains one on all the data into
 * the snapshot; the stages train it again on each label fold.
 */
public enum PairModelKind {
  TWOTOWER(TwoTowerRetriever.NAME),
  DAE(DaeRetriever.NAME);

  private final String channel;

  PairModelKind(String channel) {
    this.channel = channel;
  }

  /** The model's channel name, as in {@code --algos} and {@code server.channels}. */
  public String channel() {
    return channel;
  }

  /** The kind whose channel is {@code name}, or null when it names another (CF) channel. */
  public static PairModelKind ofChannel(String name) {
    return Arrays.stream(values()).filter(k -> k.channel.equals(name)).findFirst().orElse(null);
  }

  /** The first of {@code channels} that names a pair model, or null when none does. */
  public static PairModelKind firstIn(List<String> channels) {
    return channels.stream().map(PairModelKind::ofChannel).filter(k -> k != null).findFirst().orElse(null);
  }

  /** Training this model with its options ({@code --tt-*} or {@code --dae-*}) on each label fold. */
  public PairTraining training(PipelineOptions options, PrintStream log) {
    return switch (this) {
      case TWOTOWER -> TwoTowerPairScorer.training(TwoTowerOptions.read(options));
      case DAE -> DaePairScorer.training(DaeConfig.read(options), log);
    };
  }

  /** Whether the snapshot with this manifest holds this model. */
  public boolean isIn(Manifest manifest) {
    return switch (this) {
      case TWOTOWER -> TwoTowerModel.isIn(manifest);
      case DAE -> DaeModel.isIn(manifest);
    };
  }

  /** The snapshot's model as pair model and channel (an exact scan over the items). */
  public PairTraining.PairModel read(Snapshot snapshot) throws IOException {
    return switch (this) {
      case TWOTOWER -> TwoTowerPairScorer.pairModel(TwoTowerModel.read(snapshot));
      case DAE -> DaePairScorer.pairModel(DaeModel.read(snapshot));
    };
  }
}
