package dev.funnel.twotower.ann;

/** How a {@link VectorIndex} searches. */
public enum IndexKind {
  /** Scores every item: exact, cost linear in the catalogue. */
  EXACT,
  /** Walks a Lucene HNSW graph: approximate, cost roughly logarithmic in the catalogue. */
  HNSW,
  /** {@link #EXACT} below {@link #EXACT_MAX_ITEMS} items, {@link #HNSW} from there on. */
  AUTO;

  /**
   * The largest catalogue {@link #AUTO} scans exactly. Measured on 2 cores (ANN.md, "Cross-over"): at dims 32, 64
   * and 128 the exact scan stays faster than HNSW at recall@100 ≥ 0.95 up to this size; the cross-over hardly moves
   * with the dimension because both costs are dominated by dot products of the same length.
   */
  public static final int EXACT_MAX_ITEMS = 20_000;

  /** The concrete kind for a catalogue of {@code size} items: this one, or for {@link #AUTO} the measured choice. */
  public IndexKind resolve(int size) {
    if (this != AUTO) {
      return this;
    }
    return size <= EXACT_MAX_ITEMS ? EXACT : HNSW;
  }
}
