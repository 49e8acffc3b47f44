package dev.funnel.rank.component;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.snapshot.Manifest;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.retrieval.model.CfModel;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A learned model's channel (the two-tower, the autoencoder). The first learned channel of a spec that ranks is
 * also its pair model: it scores every candidate (the {@code pair.score} feature), trained once per label fold on
 * that fold's visible data. Its options are the spec's {@code models.NAME} section, with the names of the
 * command line's {@code --PREFIX-*} options without their prefix.
 */
public non-sealed interface LearnedChannel extends ChannelKind {
  /** The prefix of its command-line options, such as {@code tt-}. */
  String optionPrefix();

  /**
   * Checks {@code spec}'s options for this model (types and ranges).
   *
   * @throws IllegalArgumentException naming the key
   */
  void checkOptions(PipelineSpec spec);

  /** Trains on {@code data} with {@code spec}'s options; the model as pair model and exact channel. */
  PairTraining.PairModel fit(Dataset data, PipelineSpec spec, long seed);

  /** Trains on {@code data} into a snapshot being built. */
  void train(Dataset data, PipelineSpec spec, long seed, SnapshotWriter writer) throws IOException;

  /** Work after the snapshot is in place (such as an ANN index beside it); nothing by default. */
  default void finish(Path snapshot) throws IOException {}

  /** Whether a snapshot with this manifest holds the model. */
  boolean isIn(Manifest manifest);

  @Override
  default boolean isIn(CfModel model) {
    return isIn(model.manifest());
  }

  /** The snapshot's model as pair model (its channel an exact scan). */
  PairTraining.PairModel read(Snapshot snapshot) throws IOException;
}
