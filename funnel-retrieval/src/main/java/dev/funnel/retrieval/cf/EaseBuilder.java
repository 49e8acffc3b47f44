package dev.funnel.retrieval.cf;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.TopK;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019): with G = XᵀX + λI over the binary
 * interactions X and P = G⁻¹, the weights are {@code B[i][j] = −P[i][j] / P[j][j]} (i ≠ j) and
 * {@code score(u, j) = Σ_{i ∈ J_u} B[i][j]}, which the item-to-item retriever computes from row i's list.
 *
 * <p>Dense in the items: time O(Σ_u |J_u|² + n³), memory 16·n² bytes for n items, so only the
 * {@link #MAX_ITEMS} most popular items take part (the others get no row and are never scored: other channels
 * find them). Each row keeps its {@code easeNeighbors} weights of largest magnitude, best first by magnitude.
 */
final class EaseBuilder implements SimilarityBuilder {
  /** n³ work: 3,000 items take about 15 s on one core (measured on ml-latest-small, 6,000 items about 2 min). */
  static final int MAX_ITEMS = 3_000;

  private final SimilarityConfig config;
  private final int maxItems;

  EaseBuilder(SimilarityConfig config) {
    this(config, MAX_ITEMS);
  }

  EaseBuilder(SimilarityConfig config, int maxItems) {
    this.config = config;
    this.maxItems = maxItems;
  }

  @Override
  public NeighborIndex build(InteractionMatrix matrix, LongConsumer progress) {
    InteractionMatrix m = InteractionCaps.apply(matrix, config.maxUserItems(), config.maxItemUsers());
    int[] items = modelled(m, maxItems);
    int n = items.length;
    int[] column = new int[m.numItems()];
    Arrays.fill(column, -1);
    for (int c = 0; c < n; c++) {
      column[items[c]] = c;
    }
    DMatrixRMaj gram = gram(m, column, n);
    for (int c = 0; c < n; c++) {
      gram.add(c, c, config.easeLambda());
    }
    DMatrixRMaj inverse = new DMatrixRMaj(n, n);
    if (n > 0 && !CommonOps_DDRM.invertSPD(gram, inverse)) {
      throw new IllegalStateException("EASE: XᵀX + λI was not positive definite (λ = " + config.easeLambda() + ")");
    }
    int[] offsets = new int[m.numItems() + 1];
    int width = Math.min(config.easeNeighbors(), Math.max(0, n - 1));
    int[] neighbors = new int[n * width];
    float[] scores = new float[n * width];
    TopK byMagnitude = new TopK(Math.max(1, width));
    int[] rowIds = new int[width];
    float[] rowScores = new float[width];
    int filled = 0;
    int rowsDone = 0;
    for (int item = 0; item < m.numItems(); item++) {
      int i = column[item];
      if (i >= 0 && width > 0) {
        for (int j = 0; j < n; j++) {
          if (j != i) {
            byMagnitude.offer(j, (float) Math.abs(inverse.get(i, j) / inverse.get(j, j)));
          }
        }
        int kept = byMagnitude.drainInto(rowIds, rowScores);
        for (int r = 0; r < kept; r++) {
          int j = rowIds[r];
          neighbors[filled + r] = items[j];
          scores[filled + r] = (float) (-inverse.get(i, j) / inverse.get(j, j));
        }
        filled += kept;
      }
      offsets[item + 1] = filled;
      progress.accept(++rowsDone);
    }
    return NeighborIndex.of(offsets, Arrays.copyOf(neighbors, filled), Arrays.copyOf(scores, filled));
  }

  /** The items EASE models: every item with an interaction, the most popular first, at most {@code maxItems}. */
  private static int[] modelled(InteractionMatrix m, int maxItems) {
    int[] byPopularity = m.itemsByPopularity();
    int count = 0;
    while (count < byPopularity.length && count < maxItems && m.itemDegree(byPopularity[count]) > 0) {
      count++;
    }
    return Arrays.copyOf(byPopularity, count);
  }

  /** XᵀX over the modelled items, every interaction counted as 1. */
  private static DMatrixRMaj gram(InteractionMatrix m, int[] column, int n) {
    DMatrixRMaj gram = new DMatrixRMaj(n, n);
    double[] data = gram.data;
    int[] offsets = m.userOffsets();
    int[] userItems = m.userItems();
    int[] columns = new int[64];
    for (int u = 0; u < m.numUsers(); u++) {
      int count = 0;
      for (int p = offsets[u]; p < offsets[u + 1]; p++) {
        int c = column[userItems[p]];
        if (c >= 0) {
          if (count == columns.length) {
            columns = Arrays.copyOf(columns, 2 * count);
          }
          columns[count++] = c;
        }
      }
      for (int a = 0; a < count; a++) {
        int row = columns[a] * n;
        for (int b = 0; b < count; b++) {
          data[row + columns[b]] += 1;
        }
      }
    }
    return gram;
  }
}
