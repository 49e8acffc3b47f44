package dev.funnel.twotower.ann;

/**
 * How to build a {@link VectorIndex}. The HNSW settings are ignored by an exact index.
 *
 * @param kind exact, HNSW, or chosen by catalogue size
 * @param maxConn HNSW {@code M}: neighbours kept per node on the upper layers (twice as many on the bottom one);
 *     more raises recall and memory
 * @param beamWidth HNSW {@code efConstruction}: candidates considered while inserting a node; more raises graph
 *     quality and build time
 * @param efSearch the default search beam: the graph search collects this many candidates (at least k) and returns
 *     the best k; more raises recall and cost. Stored with the index, overridable per search
 * @param buildThreads threads that build the graph (indexing and the final merge)
 */
public record AnnOptions(IndexKind kind, int maxConn, int beamWidth, int efSearch, int buildThreads) {
  public static final int DEFAULT_MAX_CONN = 16;
  public static final int DEFAULT_BEAM_WIDTH = 100;
  /**
   * Reaches recall@100 ≥ 0.95 on 1M clustered 64-dim vectors (0.982) and on unclustered Gaussian ones
   * ({@code HnswRecallTest}) with the default graph. A beam of 100 (k) is 1.8× as fast at 1M and still reaches 0.966
   * on clustered vectors, but not 0.95 on the unclustered ones (ANN.md).
   */
  public static final int DEFAULT_EF_SEARCH = 160;

  /** Validates every setting. */
  public AnnOptions {
    if (kind == null) {
      throw new IllegalArgumentException("kind must be given (EXACT, HNSW or AUTO)");
    }
    // Lucene's own bounds: Lucene99HnswVectorsFormat.MAXIMUM_MAX_CONN and MAXIMUM_BEAM_WIDTH.
    requireBetween("maxConn", maxConn, 1, 512);
    requireBetween("beamWidth", beamWidth, 1, 3200);
    requireBetween("efSearch", efSearch, 1, 100_000);
    requireBetween("buildThreads", buildThreads, 1, 1024);
  }

  /** Automatic kind, Lucene's default graph, one build thread per available core. */
  public static AnnOptions defaults() {
    return new AnnOptions(IndexKind.AUTO, DEFAULT_MAX_CONN, DEFAULT_BEAM_WIDTH, DEFAULT_EF_SEARCH,
        Runtime.getRuntime().availableProcessors());
  }

  public AnnOptions withKind(IndexKind value) {
    return new AnnOptions(value, maxConn, beamWidth, efSearch, buildThreads);
  }

  public AnnOptions withGraph(int m, int beam) {
    return new AnnOptions(kind, m, beam, efSearch, buildThreads);
  }

  public AnnOptions withEfSearch(int value) {
    return new AnnOptions(kind, maxConn, beamWidth, value, buildThreads);
  }

  public AnnOptions withBuildThreads(int value) {
    return new AnnOptions(kind, maxConn, beamWidth, efSearch, value);
  }

  private static void requireBetween(String name, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], was " + value);
    }
  }
}
