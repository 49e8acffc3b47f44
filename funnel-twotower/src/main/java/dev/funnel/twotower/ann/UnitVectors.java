package dev.funnel.twotower.ann;

import dev.funnel.core.util.TopK;
import dev.funnel.retrieval.online.ScoredItems;

/** Checks and L2-normalises vectors, so that inner products are cosines; shared result helpers. */
final class UnitVectors {
  private UnitVectors() {}

  /** A normalised copy of {@code vectors} (row-major, {@code dim} floats per item). */
  static float[] normalizedRows(float[] vectors, int dim) {
    if (dim < 1) {
      throw new IllegalArgumentException("dim must be ≥ 1, was " + dim);
    }
    if (vectors.length == 0 || vectors.length % dim != 0) {
      throw new IllegalArgumentException(
          "vectors hold " + vectors.length + " floats: not a positive multiple of dim " + dim);
    }
    float[] out = new float[vectors.length];
    for (int from = 0; from < vectors.length; from += dim) {
      normalizeInto(vectors, from, dim, out, from, "item " + from / dim);
    }
    return out;
  }

  /** Flattens one array per item into a row-major array. */
  static float[] flatten(float[][] vectors) {
    if (vectors.length == 0) {
      throw new IllegalArgumentException("no vectors to index");
    }
    int dim = vectors[0].length;
    float[] flat = new float[Math.multiplyExact(vectors.length, dim)];
    for (int i = 0; i < vectors.length; i++) {
      if (vectors[i].length != dim) {
        throw new IllegalArgumentException(
            "item " + i + " has " + vectors[i].length + " dimensions, item 0 has " + dim);
      }
      System.arraycopy(vectors[i], 0, flat, i * dim, dim);
    }
    return flat;
  }

  /** Checks a search's arguments and returns the normalised query. */
  static float[] checkedQuery(float[] query, int dim, int k, ItemFilter filter) {
    if (query.length != dim) {
      throw new IllegalArgumentException("query has " + query.length + " dimensions, the index has " + dim);
    }
    if (k < 1) {
      throw new IllegalArgumentException("k must be ≥ 1, was " + k);
    }
    if (filter == null) {
      throw new IllegalArgumentException("filter must not be null (use ItemFilter.ALL)");
    }
    float[] out = new float[dim];
    normalizeInto(query, 0, dim, out, 0, "query");
    return out;
  }

  private static void normalizeInto(float[] in, int from, int dim, float[] out, int to, String what) {
    double squares = 0;
    for (int j = 0; j < dim; j++) {
      float v = in[from + j];
      if (!Float.isFinite(v)) {
        throw new IllegalArgumentException(what + " has a non-finite value " + v + " at dimension " + j);
      }
      squares += (double) v * v;
    }
    if (squares == 0) {
      throw new IllegalArgumentException(what + " is the zero vector: it has no direction to compare by cosine");
    }
    float inverse = (float) (1 / Math.sqrt(squares));
    for (int j = 0; j < dim; j++) {
      out[to + j] = in[from + j] * inverse;
    }
  }

  /**
   * The dot product of {@code query} with the {@code dim} values of {@code vectors} from {@code offset}, in eight
   * independent sums so that the CPU can overlap them.
   */
  static float dot(float[] query, float[] vectors, int offset, int dim) {
    float s0 = 0;
    float s1 = 0;
    float s2 = 0;
    float s3 = 0;
    float s4 = 0;
    float s5 = 0;
    float s6 = 0;
    float s7 = 0;
    int j = 0;
    for (int unrolled = dim - dim % 8; j < unrolled; j += 8) {
      int o = offset + j;
      s0 += query[j] * vectors[o];
      s1 += query[j + 1] * vectors[o + 1];
      s2 += query[j + 2] * vectors[o + 2];
      s3 += query[j + 3] * vectors[o + 3];
      s4 += query[j + 4] * vectors[o + 4];
      s5 += query[j + 5] * vectors[o + 5];
      s6 += query[j + 6] * vectors[o + 6];
      s7 += query[j + 7] * vectors[o + 7];
    }
    for (; j < dim; j++) {
      s0 += query[j] * vectors[offset + j];
    }
    return (s0 + s1) + (s2 + s3) + ((s4 + s5) + (s6 + s7));
  }

  /**
   * Offers a scored item to {@code top}, asking the filter only when the score could enter: the filter may be a
   * costly predicate, while most items of a scan lose on score.
   */
  static void offer(TopK top, ItemFilter filter, int item, float score) {
    if (top.wouldAccept(score) && filter.accepts(item)) {
      top.offer(item, score);
    }
  }

  /** The content of {@code top} as a result, best first. */
  static ScoredItems drain(TopK top) {
    int[] items = new int[top.size()];
    float[] scores = new float[items.length];
    top.drainInto(items, scores);
    return new ScoredItems(items, scores);
  }
}
