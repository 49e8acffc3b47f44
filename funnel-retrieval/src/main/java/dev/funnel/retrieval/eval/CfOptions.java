package dev.funnel.retrieval.eval;

import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Protocol;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import java.util.Collection;

/**
 * The CF options an evaluation run reads, with the same names and defaults as {@code funnel build} and
 * {@code funnel recommend}: {@code --k}, {@code --last-n}, {@code --top}, {@code --swing-alpha},
 * {@code --swing-beta}, {@code --ease-lambda}, {@code --ease-neighbors}, {@code --max-user-items},
 * {@code --max-item-users}.
 *
 * @param similarity how the indices are built (k neighbours per id)
 * @param lastN recent items per user the retrievers read: by default {@value #DEFAULT_LAST_N} (as served), or
 *     every item ({@value #MAX_LAST_N} at most) under the {@code random} protocol, whose held-out items are drawn
 *     from the user's whole history, so that keeping only the latest ones would hide the evidence for no reason
 * @param top candidates per channel
 */
public record CfOptions(SimilarityConfig similarity, int lastN, int top) {
  static final int DEFAULT_LAST_N = 200;
  static final int MAX_LAST_N = 100_000;
  static final int DEFAULT_TOP = 100;

  /** Reads the options that apply to {@code algorithms} (Swing's and EASE's only when they are among them). */
  public static CfOptions read(PipelineOptions options, Collection<Algorithm> algorithms) {
    SimilarityConfig config = SimilarityConfig.defaults()
        .withK(options.getInt("k", SimilarityConfig.defaults().k(), 1, 10_000))
        .withMaxUserItems(options.getInt("max-user-items", 0, 0, Integer.MAX_VALUE))
        .withMaxItemUsers(options.getInt("max-item-users", 0, 0, Integer.MAX_VALUE));
    if (algorithms.stream().anyMatch(Algorithm::isEase)) {
      config = config.withEaseLambda(options.getDouble("ease-lambda", config.easeLambda()))
          .withEaseNeighbors(options.getInt("ease-neighbors", config.easeNeighbors(), 1, SimilarityConfig.MAX_K));
    }
    if (algorithms.contains(Algorithm.SWING)) {
      config = config.withSwingAlpha(options.getDouble("swing-alpha", config.swingAlpha()))
          .withSwingBeta(options.getDouble("swing-beta", config.swingBeta()));
    }
    int lastN = options.protocol().orElse(null) == Protocol.RANDOM ? MAX_LAST_N : DEFAULT_LAST_N;
    return new CfOptions(config, options.getInt("last-n", lastN, 1, MAX_LAST_N),
        options.getInt("top", DEFAULT_TOP, 1, 100_000));
  }
}
