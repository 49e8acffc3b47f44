package dev.funnel.core.eval;

import dev.funnel.core.data.InteractionMatrix;
import java.util.stream.IntStream;

/**
 * A train/test partition of one interaction matrix: every interaction is in exactly one of the two, and both
 * keep the full set of users and items.
 *
 * @param train what models may see
 * @param test what they are judged on
 * @param protocol how it was made
 * @param seed the random seed (used by {@link Protocol#RANDOM} only)
 * @param trainRatio share of each user's interactions in train ({@link Protocol#RANDOM}), or the share of all
 *     interactions before the cut ({@link Protocol#TEMPORAL}); 0 for {@link Protocol#LOO}
 */
public record Split(InteractionMatrix train, InteractionMatrix test, Protocol protocol, long seed, double trainRatio) {

  /**
   * The users an evaluation judges, ascending: those with at least one test <em>and</em> one training interaction.
   * A user without training history can only occur under {@link Protocol#TEMPORAL} (a user first seen after the
   * cut); ranking for them measures cold start, not the model, so they are skipped.
   */
  public int[] testUsers() {
    return IntStream.range(0, test.numUsers())
        .filter(u -> test.userDegree(u) > 0 && train.userDegree(u) > 0)
        .toArray();
  }
}
