package dev.funnel.retrieval.model;

import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.Entity;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.online.HistoryTable;
import dev.funnel.retrieval.online.ItemNeighborRetriever;
import dev.funnel.retrieval.online.LikeMode;
import dev.funnel.retrieval.online.NeighborTable;
import dev.funnel.retrieval.online.PopularRetriever;
import dev.funnel.retrieval.online.Retriever;
import dev.funnel.retrieval.online.UserNeighborRetriever;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * The tables CF retrieval reads — every user's time-ordered history, the popularity ranking and the neighbour
 * lists — whether they are memory-mapped from a snapshot ({@link CfModel}) or built in memory (evaluation), so
 * that serving and evaluation run the very same retrievers. Thread-safe.
 */
public final class CfTables {
  private final HistoryTable history;
  private final int numItems;
  private final PopularRetriever popular;
  private final Map<Algorithm, NeighborTable> indices;

  CfTables(HistoryTable history, int numItems, IntBuffer popularRanked, IntBuffer popularCounts,
      Map<Algorithm, NeighborTable> indices) {
    this.history = history;
    this.numItems = numItems;
    this.popular = new PopularRetriever(popularRanked, popularCounts);
    this.indices = Collections.unmodifiableMap(new EnumMap<>(indices));
  }

  /** Tables over heap arrays: the matrix's own CSR arrays and freshly built neighbour lists. */
  public static CfTables inMemory(InteractionMatrix matrix, Map<Algorithm, NeighborIndex> built) {
    HistoryTable history = new HistoryTable(IntBuffer.wrap(matrix.userOffsets()), IntBuffer.wrap(matrix.userItems()),
        FloatBuffer.wrap(matrix.userValues()));
    Map<Algorithm, NeighborTable> indices = new EnumMap<>(Algorithm.class);
    built.forEach((algorithm, index) -> indices.put(algorithm, table(index)));
    return new CfTables(history, matrix.numItems(), IntBuffer.wrap(matrix.itemsByPopularity()),
        IntBuffer.wrap(matrix.itemDegrees()), indices);
  }

  /**
   * Builds {@code algorithms} on the matrix with the configured feedback transform applied (one after the other)
   * and returns in-memory tables over them, whose histories hold the transformed values.
   *
   * @param itemFeatures the items' features, by dense item id (ContentCF reads them)
   */
  public static CfTables build(InteractionMatrix raw, FeatureTable itemFeatures, Collection<Algorithm> algorithms,
      SimilarityConfig config) {
    InteractionMatrix matrix = config.transform().apply(raw);
    Map<Algorithm, NeighborIndex> built = new EnumMap<>(Algorithm.class);
    for (Algorithm algorithm : algorithms) {
      built.put(algorithm, algorithm.builder(config).build(matrix, itemFeatures, done -> {}));
    }
    return inMemory(matrix, built);
  }

  static NeighborTable table(NeighborIndex index) {
    return new NeighborTable(IntBuffer.wrap(index.offsets()), IntBuffer.wrap(index.neighbors()),
        FloatBuffer.wrap(index.scores()));
  }

  public HistoryTable history() {
    return history;
  }

  public int numItems() {
    return numItems;
  }

  /** The indices these tables hold. */
  public Set<Algorithm> algorithms() {
    return indices.keySet();
  }

  /**
   * The neighbour lists of one index.
   *
   * @throws IllegalArgumentException naming the indices present when {@code algorithm} was not built
   */
  public NeighborTable neighbors(Algorithm algorithm) {
    NeighborTable table = indices.get(algorithm);
    if (table == null) {
      throw new IllegalArgumentException("the model has no " + algorithm.cliName() + " index; it holds "
          + CfModel.names(indices.keySet()) + " (build it with --algos)");
    }
    return table;
  }

  /** The fallback channel: popular items the user has not seen. */
  public PopularRetriever popular() {
    return popular;
  }

  /**
   * The online channel of an index, as DESIGN.md defines it: item-to-item for ItemCF and Swing, user-to-user for
   * UserCF.
   */
  public Retriever channel(Algorithm algorithm, int lastN, int k, LikeMode like) {
    NeighborTable table = neighbors(algorithm);
    return algorithm.entity() == Entity.ITEM
        ? new ItemNeighborRetriever(algorithm.cliName(), table, lastN, k, like)
        : new UserNeighborRetriever(algorithm.cliName(), table, history, numItems, lastN, k, like);
  }

  /** The like(user, item) each index was built with: the value for weighted ItemCF, 1 for the others. */
  public static LikeMode defaultLike(Algorithm algorithm) {
    return algorithm == Algorithm.ITEMCF_WEIGHTED ? LikeMode.VALUE : LikeMode.BINARY;
  }
}
