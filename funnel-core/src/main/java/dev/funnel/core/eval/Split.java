package dev.funnel.core.eval;

import dev.funnel.core.data.InteractionMatrix;

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
public record Split(InteractionMatrix train, InteractionMatrix test, Protocol protocol, long seed, double trainRatio) {}
