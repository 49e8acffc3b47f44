/** Ranking: features, the pre-ranker, the learned ranker and the re-rankers. */
package dev.funnel.rank;
