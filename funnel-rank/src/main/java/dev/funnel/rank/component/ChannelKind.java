package dev.funnel.rank.component;

import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.online.Retriever;
import java.io.IOException;

/**
 * A kind of retrieval channel, as a spec names it: one that reads the CF tables ({@link IndexChannel}) or a learned
 * model ({@link LearnedChannel}). Implementations are immutable singletons, found by {@link Components}.
 */
public sealed interface ChannelKind permits IndexChannel, LearnedChannel {
  /** The name a spec, {@code --channels} and {@code --algos} use. */
  String name();

  /** One line for listings. */
  String description();

  /** Refuses options that do not apply to this kind, naming them. */
  default void check(ChannelSpec channel) {
    if (channel.like() != null) {
      throw new IllegalArgumentException("channel " + name() + ": 'like' applies to CF channels only");
    }
  }

  /** Whether the opened snapshot holds what this channel needs. */
  boolean isIn(CfModel model);

  /**
   * Its retriever over an opened snapshot that holds it.
   *
   * @param lastN recent items per user it reads
   */
  Retriever open(CfModel model, ChannelSpec channel, int lastN) throws IOException;
}
