package dev.funnel.retrieval.eval;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Recommender;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfTables;
import dev.funnel.retrieval.online.LikeMode;
import dev.funnel.retrieval.online.Retriever;
import dev.funnel.retrieval.online.UserHistory;
import java.util.List;

/**
 * One CF channel as an evaluation pipeline: builds its index on the training split, then ranks with the online
 * retriever that serving uses, so offline figures are those of the served channel. Options: see
 * {@link CfOptions}, plus {@code --like binary|value}.
 */
final class CfPipeline implements Pipeline {
  private final Algorithm algorithm;

  CfPipeline(Algorithm algorithm) {
    this.algorithm = algorithm;
  }

  @Override
  public String name() {
    return algorithm.cliName();
  }

  @Override
  public String description() {
    return "the " + algorithm.cliName() + " retrieval channel (options --k, --last-n, --top, --like, caps)";
  }

  @Override
  public Recommender fit(Dataset train, PipelineOptions options) {
    CfOptions cf = CfOptions.read(options, List.of(algorithm));
    LikeMode like = LikeMode.parse(options.getString("like", CfTables.defaultLike(algorithm).cliName()));
    CfTables tables = CfTables.build(train.interactions(), List.of(algorithm), cf.similarity());
    return recommender(tables, tables.channel(algorithm, cf.lastN(), cf.similarity().neighbors(algorithm), like), cf.top());
  }

  /** Ranks a training user's history through {@code retriever}, at most {@code top} items. */
  static Recommender recommender(CfTables tables, Retriever retriever, int top) {
    return (user, n) -> retriever.retrieve(UserHistory.of(tables.history(), user), Math.min(n, top)).items();
  }
}
