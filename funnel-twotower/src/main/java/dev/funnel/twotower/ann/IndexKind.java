package dev.funnel.twotower.ann;

/** How a {@link VectorIndex} searches. */
public enum IndexKind {
  /** Scores every item: exact, cost linear in the catalogue. */
  EXACT,
  /** Walks a Lucene HNSW graph: approximate, cost roughly logarithmic in the catalogue. */
  HNSW,
  /** {@link #EXACT} while items × dimensions stay within {@link #EXACT_MAX_FLOATS}, {@link #HNSW} beyond. */
  AUTO;

  /**
   * The largest catalogue, in items × dimensions, that {@link #AUTO} scans exactly. Measured (ANN.md, "Cross-over";
   * session 6, with {@link GraphWalk} and the default beam of 160): HNSW at recall@100 ≥ 0.98 overtakes the exact
   * scan between 20k and 50k items at 32 dimensions, 10k and 20k at 64, 10k and 20k at 128, i.e. near 1M floats.
   * The scan costs items × dimensions, while a graph search costs a few thousand visits whose fixed overhead
   * outweighs their dot products at these sizes, so the cross-over sits at a roughly constant product.
   */
  public static final long EXACT_MAX_FLOATS = 1_000_000;

  /** The concrete kind for {@code size} items of {@code dim} dimensions: this one, or for AUTO the measured choice. */
  public IndexKind resolve(int size, int dim) {
    if (this != AUTO) {
      return this;
    }
    return (long) size * dim <= EXACT_MAX_FLOATS ? EXACT : HNSW;
  }
}
