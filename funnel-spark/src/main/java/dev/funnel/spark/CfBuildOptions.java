package dev.funnel.spark;

import dev.funnel.retrieval.cf.SimilarityConfig;
import picocli.CommandLine.Option;

/**
 * The options of a CF build that {@code funnel build} and the job jar's {@link SparkBuildMain} share (a picocli
 * mixin), so that both take them alike.
 */
public final class CfBuildOptions {
  @Option(names = "--k", defaultValue = "10", description = "Neighbours kept per id (default: ${DEFAULT-VALUE}).")
  public int k;

  @Option(names = "--last-n", defaultValue = "200",
      description = "Recent items per user the retrievers read (default: ${DEFAULT-VALUE}).")
  public int lastN;

  @Option(names = "--swing-alpha", defaultValue = "1.0", description = "Swing's α (default: ${DEFAULT-VALUE}).")
  public double swingAlpha;

  @Option(names = "--swing-beta", defaultValue = "0",
      description = "Swing's user-weight β, 0 = off (default: ${DEFAULT-VALUE}).")
  public double swingBeta;

  @Option(names = "--max-user-items", defaultValue = "0",
      description = "Use only each user's N most recent interactions, 0 = all (default: ${DEFAULT-VALUE}).")
  public int maxUserItems;

  @Option(names = "--max-item-users", defaultValue = "0",
      description = "Use only each item's N most recent users, 0 = all (default: ${DEFAULT-VALUE}).")
  public int maxItemUsers;

  /** These options over the defaults of the rest. */
  public SimilarityConfig similarity() {
    return SimilarityConfig.defaults().withK(k).withSwingAlpha(swingAlpha).withSwingBeta(swingBeta)
        .withMaxUserItems(maxUserItems).withMaxItemUsers(maxItemUsers);
  }
}
