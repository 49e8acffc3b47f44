package dev.funnel.twotower.ann;

import dev.funnel.retrieval.online.ScoredItems;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Item vectors searchable by cosine similarity: the items whose vectors have the largest inner product with the
 * query after both are L2-normalised. Item ids are the rows of the vectors given to {@link #build}. Thread-safe:
 * any number of searches may run at once; {@link #close} must wait until they are done.
 *
 * <p>An index lives in its own directory (place it inside a model snapshot, e.g. {@code <snapshot>/ann}), written
 * by {@link #build} and memory-mapped or read by {@link #open}: a small {@code ann.json} says which kind it is and
 * with which settings, next to the kind's files.
 */
public interface VectorIndex extends Closeable {

  /** The kind this index searches with: {@link IndexKind#EXACT} or {@link IndexKind#HNSW}, never AUTO. */
  IndexKind kind();

  /** The number of dimensions of every vector. */
  int dim();

  /** The number of items. */
  int size();

  /** The search beam used when the caller gives none; 0 for an exact index, which has no beam. */
  int efSearch();

  /** {@link #search(float[], int, int, ItemFilter)} with this index's default beam. */
  default ScoredItems search(float[] query, int k, ItemFilter filter) {
    return search(query, k, efSearch(), filter);
  }

  /**
   * The at most {@code k} items with the highest cosine to {@code query} among those {@code filter} accepts, best
   * first, equal scores by smaller id. Fewer than {@code k} only when fewer pass the filter. The filter is applied
   * inside the search: rejected items are never returned and never push accepted ones out.
   *
   * @param efSearch how many candidates the graph search collects before the best k are kept (raised to k if
   *     smaller); higher is more accurate and slower. Ignored by an exact index
   * @throws IllegalArgumentException if the query's length is not {@link #dim()}, it has a non-finite value or is
   *     zero, or {@code k < 1}
   */
  ScoredItems search(float[] query, int k, int efSearch, ItemFilter filter);

  /**
   * Builds an index of {@code vectors} (row-major, {@code dim} floats per item; item i is row i) in {@code dir} and
   * opens it. The directory appears whole or not at all; an index already there is replaced.
   *
   * @throws IllegalArgumentException if a vector is zero or has a non-finite value, the length is not a positive
   *     multiple of {@code dim}, or {@code dir} exists and is neither empty nor an index
   */
  static VectorIndex build(Path dir, float[] vectors, int dim, AnnOptions options) throws IOException {
    return AnnDirectory.build(dir, UnitVectors.normalizedRows(vectors, dim), dim, options);
  }

  /**
   * An exact index of {@code vectors} on the heap, nothing on disk: for offline pipelines that train a model,
   * use it and throw it away.
   *
   * @throws IllegalArgumentException as {@link #build(Path, float[], int, AnnOptions)}
   */
  static VectorIndex inMemory(float[] vectors, int dim) {
    return new ExactVectorIndex(UnitVectors.normalizedRows(vectors, dim), dim);
  }

  /** {@link #build(Path, float[], int, AnnOptions)} for one array per item. */
  static VectorIndex build(Path dir, float[][] vectors, AnnOptions options) throws IOException {
    float[] flat = UnitVectors.flatten(vectors);
    return build(dir, flat, vectors[0].length, options);
  }

  /**
   * Opens the index in {@code dir}.
   *
   * @throws IllegalArgumentException if {@code dir} holds no index of this format
   */
  static VectorIndex open(Path dir) throws IOException {
    return AnnDirectory.open(dir);
  }
}
