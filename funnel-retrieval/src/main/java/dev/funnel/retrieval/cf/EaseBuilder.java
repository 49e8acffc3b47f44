package dev.funnel.retrieval.cf;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.TopK;
import java.util.Arrays;
import java.util.function.LongConsumer;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;

/**
 * EASE (Steck, "Embarrassingly Shallow Autoencoders for Sparse Data", WWW 2019), over items or over users.
 *
 * <p>Items ({@link Algorithm#EASE}): with G = XᵀX + λI over the binary interactions X and P = G⁻¹, the weights are
 * {@code B[i][j] = −P[i][j] / P[j][j]} (i ≠ j) and {@code score(u, j) = Σ_{i ∈ J_u} B[i][j]}, which the item-to-item
 * retriever computes from row i's list.
 *
 * <p>Users ({@link Algorithm#EASE_USER}): the same model on Xᵀ, each user rebuilt from the other users, so with G =
 * XXᵀ + λI and P = G⁻¹, {@code score(u, j) = Σ_v B[v][u] · X[v][j]} with {@code B[v][u] = −P[v][u] / P[u][u]}; row u
 * holds these weights of its neighbours v, which the user-to-user retriever reads as similarities.
 *
 * <p>Dense in the modelled entities: time O(Σ |row|² + n³), memory 16·n² bytes for n of them, so only the
 * {@link #MAX_ENTITIES} with the most interactions take part (the others get no row and are never scored or used:
 * other channels cover them). Each row keeps its {@code easeNeighbors} weights of largest magnitude, best first by
 * magnitude.
 */
final class EaseBuilder implements SimilarityBuilder {
  /** n³ work: 3,000 items take about 15 s on one core (measured on ml-latest-small, 6,000 items about 2 min). */
  static final int MAX_ENTITIES = 3_000;

  private final SimilarityConfig config;
  private final Entity entity;
  private final int maxEntities;

  EaseBuilder(SimilarityConfig config, Entity entity) {
    this(config, entity, MAX_ENTITIES);
  }

  EaseBuilder(SimilarityConfig config, Entity entity, int maxEntities) {
    this.config = config;
    this.entity = entity;
    this.maxEntities = maxEntities;
  }

  @Override
  public NeighborIndex build(InteractionMatrix matrix, LongConsumer progress) {
    InteractionMatrix m = InteractionCaps.apply(matrix, config.maxUserItems(), config.maxItemUsers());
    boolean items = entity == Entity.ITEM;
    int rows = items ? m.numItems() : m.numUsers();
    int[] modelled = modelled(items ? m.itemDegrees() : userDegrees(m), maxEntities);
    int n = modelled.length;
    int[] column = new int[rows];
    Arrays.fill(column, -1);
    for (int c = 0; c < n; c++) {
      column[modelled[c]] = c;
    }
    // XᵀX pairs the items of each user's list; XXᵀ pairs the users of each item's list.
    DMatrixRMaj gram = items ? gram(m.userOffsets(), m.userItems(), column, n)
        : gram(m.itemOffsets(), m.itemUsers(), column, n);
    for (int c = 0; c < n; c++) {
      gram.add(c, c, config.easeLambda());
    }
    DMatrixRMaj inverse = new DMatrixRMaj(n, n);
    if (n > 0 && !CommonOps_DDRM.invertSPD(gram, inverse)) {
      throw new IllegalStateException("EASE: the Gram matrix + λI was not positive definite (λ = "
          + config.easeLambda() + ")");
    }
    int[] offsets = new int[rows + 1];
    int width = Math.min(config.easeNeighbors(), Math.max(0, n - 1));
    int[] neighbors = new int[n * width];
    float[] scores = new float[n * width];
    TopK byMagnitude = new TopK(Math.max(1, width));
    int[] rowIds = new int[width];
    float[] rowScores = new float[width];
    int filled = 0;
    for (int row = 0; row < rows; row++) {
      int i = column[row];
      if (i >= 0 && width > 0) {
        for (int j = 0; j < n; j++) {
          if (j != i) {
            byMagnitude.offer(j, (float) Math.abs(weight(inverse, i, j)));
          }
        }
        int kept = byMagnitude.drainInto(rowIds, rowScores);
        for (int r = 0; r < kept; r++) {
          int j = rowIds[r];
          neighbors[filled + r] = modelled[j];
          scores[filled + r] = (float) weight(inverse, i, j);
        }
        filled += kept;
      }
      offsets[row + 1] = filled;
      progress.accept(row + 1);
    }
    return NeighborIndex.of(offsets, Arrays.copyOf(neighbors, filled), Arrays.copyOf(scores, filled));
  }

  /** Row i's weight of j: B[i][j] over items; over users B[j][i], the weight of neighbour j in rebuilding user i. */
  private double weight(DMatrixRMaj inverse, int i, int j) {
    return -inverse.get(i, j) / (entity == Entity.ITEM ? inverse.get(j, j) : inverse.get(i, i));
  }

  private static int[] userDegrees(InteractionMatrix m) {
    int[] degrees = new int[m.numUsers()];
    for (int u = 0; u < degrees.length; u++) {
      degrees[u] = m.userDegree(u);
    }
    return degrees;
  }

  /** The ids EASE models: every one with an interaction, the most interactions first, at most {@code max}. */
  private static int[] modelled(int[] degrees, int max) {
    TopK ranking = new TopK(Math.max(1, Math.min(max, degrees.length)));
    for (int id = 0; id < degrees.length; id++) {
      if (degrees[id] > 0) {
        ranking.offer(id, degrees[id]);
      }
    }
    return ranking.drainIds();
  }

  /** The Gram matrix over the modelled ids: every pair within one list counted as 1. */
  private static DMatrixRMaj gram(int[] listOffsets, int[] members, int[] column, int n) {
    DMatrixRMaj gram = new DMatrixRMaj(n, n);
    double[] data = gram.data;
    int[] columns = new int[64];
    for (int list = 0; list + 1 < listOffsets.length; list++) {
      int count = 0;
      for (int p = listOffsets[list]; p < listOffsets[list + 1]; p++) {
        int c = column[members[p]];
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
