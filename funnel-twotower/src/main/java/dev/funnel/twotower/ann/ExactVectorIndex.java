package dev.funnel.twotower.ann;

import dev.funnel.core.util.TopK;
import dev.funnel.retrieval.online.ScoredItems;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Scores every item: the unit vectors sit in one row-major heap array, scanned in blocks of {@link #BLOCK} items
 * against the query, so each query value is loaded once per block and the block's sums form independent
 * dependency chains the CPU can overlap. O(size · dim) per search; exact. Thread-safe (read-only state).
 */
final class ExactVectorIndex implements VectorIndex {
  static final String VECTORS = "vectors.f32";
  private static final int BLOCK = 4;

  private final float[] vectors;
  private final int dim;
  private final int size;

  ExactVectorIndex(float[] unitVectors, int dim) {
    this.vectors = unitVectors;
    this.dim = dim;
    this.size = unitVectors.length / dim;
  }

  /** Writes the unit vectors, little-endian. */
  static void write(Path dir, float[] unitVectors) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate(Math.multiplyExact(unitVectors.length, Float.BYTES))
        .order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(unitVectors);
    try (FileChannel channel = FileChannel.open(dir.resolve(VECTORS), StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      while (bytes.hasRemaining()) {
        channel.write(bytes);
      }
      channel.force(false);
    }
  }

  /** Reads the vectors onto the heap: a scan over a heap array is faster than over a mapped buffer. */
  static ExactVectorIndex open(Path dir, AnnDirectory.Metadata metadata) throws IOException {
    long floats = (long) metadata.size() * metadata.dim();
    try (FileChannel channel = FileChannel.open(dir.resolve(VECTORS), StandardOpenOption.READ)) {
      if (channel.size() != floats * Float.BYTES) {
        throw new IllegalArgumentException("ANN index " + dir + " is damaged: " + VECTORS + " holds "
            + channel.size() + " bytes, " + metadata.size() + " × " + metadata.dim() + " floats expected");
      }
      float[] vectors = new float[Math.toIntExact(floats)];
      channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()).order(ByteOrder.LITTLE_ENDIAN)
          .asFloatBuffer().get(vectors);
      return new ExactVectorIndex(vectors, metadata.dim());
    }
  }

  @Override
  public IndexKind kind() {
    return IndexKind.EXACT;
  }

  @Override
  public int dim() {
    return dim;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int efSearch() {
    return 0;
  }

  @Override
  public ScoredItems search(float[] query, int k, int efSearch, ItemFilter filter) {
    float[] q = UnitVectors.checkedQuery(query, dim, k, filter);
    TopK top = new TopK(Math.min(k, size));
    int blocked = size - size % BLOCK;
    for (int item = 0; item < blocked; item += BLOCK) {
      int row0 = item * dim;
      int row1 = row0 + dim;
      int row2 = row1 + dim;
      int row3 = row2 + dim;
      float s0 = 0;
      float s1 = 0;
      float s2 = 0;
      float s3 = 0;
      for (int j = 0; j < dim; j++) {
        float qj = q[j];
        s0 += qj * vectors[row0 + j];
        s1 += qj * vectors[row1 + j];
        s2 += qj * vectors[row2 + j];
        s3 += qj * vectors[row3 + j];
      }
      UnitVectors.offer(top, filter, item, s0);
      UnitVectors.offer(top, filter, item + 1, s1);
      UnitVectors.offer(top, filter, item + 2, s2);
      UnitVectors.offer(top, filter, item + 3, s3);
    }
    for (int item = blocked; item < size; item++) {
      UnitVectors.offer(top, filter, item, UnitVectors.dot(q, vectors, item * dim, dim));
    }
    return UnitVectors.drain(top);
  }

  @Override
  public void close() {}
}
