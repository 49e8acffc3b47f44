/**
 * Nearest-neighbour search over item vectors by cosine similarity: {@link dev.funnel.twotower.ann.VectorIndex}
 * with two implementations behind it, an exact blocked scan for small catalogues and a Lucene HNSW graph for large
 * ones, chosen by {@link dev.funnel.twotower.ann.IndexKind#AUTO} at the measured cross-over (see {@code ANN.md}).
 * Filters ({@link dev.funnel.twotower.ann.ItemFilter}) are applied inside the search, so a filtered query still
 * returns k items when k pass.
 */
package dev.funnel.twotower.ann;
