package dev.funnel.twotower.online;

import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.twotower.ann.AnnOptions;
import dev.funnel.twotower.ann.VectorIndex;
import dev.funnel.twotower.model.TwoTowerModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two-tower channel of a model snapshot: the towers from the snapshot and the item index in its {@code ann}
 * folder. The index is derived from the stored item vectors, so it is built after the snapshot commits and built
 * again whenever it is missing (exact up to 1M item·dimensions, Lucene HNSW above: see {@link AnnOptions}).
 */
public final class TwoTowerChannel {
  /** The index folder inside a snapshot. */
  public static final String INDEX_DIR = "ann";

  private TwoTowerChannel() {}

  /** Builds (or rebuilds) the item index of the snapshot in {@code dir}. */
  public static VectorIndex buildIndex(Path dir, AnnOptions options) throws IOException {
    TwoTowerModel model = TwoTowerModel.read(Snapshot.open(dir));
    return VectorIndex.build(dir.resolve(INDEX_DIR), model.itemVectors(), model.dim(), options);
  }

  /**
   * The retriever of the snapshot in {@code dir}, building its index first if it is missing.
   *
   * @throws IllegalArgumentException if the snapshot holds no two-tower model
   */
  public static TwoTowerRetriever open(Path dir) throws IOException {
    TwoTowerModel model = TwoTowerModel.read(Snapshot.open(dir));
    Path indexDir = dir.resolve(INDEX_DIR);
    VectorIndex index = Files.isDirectory(indexDir)
        ? VectorIndex.open(indexDir)
        : VectorIndex.build(indexDir, model.itemVectors(), model.dim(), AnnOptions.defaults());
    return new TwoTowerRetriever(model, index);
  }
}
