/**
 * Offline collaborative-filtering similarity builders: ItemCF (binary and weighted), Swing and UserCF (plain and
 * popularity-penalised) turn an {@link dev.funnel.core.data.InteractionMatrix} into a {@link
 * dev.funnel.retrieval.cf.NeighborIndex} of each item's (or user's) top-k neighbours, as defined in DESIGN.md
 * "Retrieval definitions"; ContentCF turns the items' features into the same kind of index. Entry point:
 * {@link dev.funnel.retrieval.cf.Algorithm#builder}. Builds run multi-threaded
 * over rows and give the same result whatever the thread count.
 */
package dev.funnel.retrieval.cf;
