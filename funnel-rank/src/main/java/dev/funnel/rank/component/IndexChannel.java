package dev.funnel.rank.component;

import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.LikeMode;
import dev.funnel.retrieval.online.Retriever;
import java.util.Locale;

/**
 * A channel over the CF tables: a CF index's neighbours (item-to-item for ItemCF, Swing and EASE, user-to-user for
 * UserCF and EASE over users), or the popular items.
 *
 * @param index the CF index it reads, or null for the popular channel
 */
public record IndexChannel(Algorithm index) implements ChannelKind {
  /** The most popular items the user has not interacted with (also the merge's fallback). */
  public static final IndexChannel POPULAR = new IndexChannel(null);

  @Override
  public String name() {
    return index == null ? "popular" : index.cliName();
  }

  @Override
  public String description() {
    if (index == null) {
      return "items by number of users, most first";
    }
    String entity = index.entity().name().toLowerCase(Locale.ROOT);
    return "the " + name() + " index's " + entity + "-to-" + entity + " neighbours";
  }

  @Override
  public void check(ChannelSpec channel) {
    if (index == null) {
      ChannelKind.super.check(channel);
    }
  }

  /**
   * Its retriever over tables built on some interactions (offline: a training split or a label fold).
   *
   * @param lastN recent items per user it reads
   * @param similarity how the tables were built (the neighbours it reads)
   */
  public Retriever over(CfTables tables, ChannelSpec channel, int lastN, SimilarityConfig similarity) {
    return index == null ? tables.popular()
        : tables.channel(index, lastN, similarity.neighbors(index), like(channel));
  }

  @Override
  public boolean isIn(CfModel model) {
    return index == null || model.tables().algorithms().contains(index);
  }

  @Override
  public Retriever open(CfModel model, ChannelSpec channel, int lastN) {
    return index == null ? model.tables().popular()
        : model.tables().channel(index, lastN, model.k(index), like(channel));
  }

  private LikeMode like(ChannelSpec channel) {
    return channel.like() == null ? CfTables.defaultLike(index) : LikeMode.parse(channel.like());
  }
}
