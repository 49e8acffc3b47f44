package dev.funnel.retrieval.cf;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.TopK;
import java.util.function.LongConsumer;

/**
 * ItemCF: the cosine between item columns. Binary: {@code sim(i1,i2) = |W1 ∩ W2| / sqrt(|W1|·|W2|)}; weighted:
 * {@code Σ_v like(v,i1)·like(v,i2) / sqrt(Σ_u like(u,i1)² · Σ_u like(u,i2)²)} with like = the interaction value.
 * Both are computed as {@code dot / sqrt(norm²(i1) · norm²(i2))}, binary being the weighted form with every value 1.
 *
 * <p>Row i1: for each user u of i1 and each item i2 of u, add {@code like(u,i1)·like(u,i2)} to i2's dense sum;
 * then normalise the touched items and keep the top k. Time O(Σ_u |J_u|² + T log k) where T ≤ Σ_u |J_u|² is the
 * number of (row, touched item) pairs; memory O(items) per thread plus the O(items · k) output. Caps ({@link
 * InteractionCaps}) apply first.
 */
final class ItemCfBuilder implements SimilarityBuilder {
  private final SimilarityConfig config;
  private final boolean weighted;

  ItemCfBuilder(SimilarityConfig config, boolean weighted) {
    this.config = config;
    this.weighted = weighted;
  }

  @Override
  public NeighborIndex build(InteractionMatrix matrix, LongConsumer progress) {
    InteractionMatrix m = InteractionCaps.apply(matrix, config.maxUserItems(), config.maxItemUsers());
    double[] squaredNorms = squaredNorms(m);
    return ParallelRows.compute(m.numItems(), config.k(), config.threads(), progress,
        () -> new Scorer(m, squaredNorms, weighted));
  }

  private double[] squaredNorms(InteractionMatrix m) {
    double[] norms = new double[m.numItems()];
    int[] offsets = m.itemOffsets();
    float[] values = m.itemValues();
    for (int i = 0; i < m.numItems(); i++) {
      if (weighted) {
        for (int p = offsets[i]; p < offsets[i + 1]; p++) {
          norms[i] += (double) values[p] * values[p];
        }
      } else {
        norms[i] = m.itemDegree(i);
      }
    }
    return norms;
  }

  private static final class Scorer implements RowScorer {
    private final InteractionMatrix m;
    private final double[] squaredNorms;
    private final boolean weighted;
    private final RowAccumulator sums;

    Scorer(InteractionMatrix m, double[] squaredNorms, boolean weighted) {
      this.m = m;
      this.squaredNorms = squaredNorms;
      this.weighted = weighted;
      this.sums = new RowAccumulator(m.numItems());
    }

    @Override
    public void score(int item, TopK best) {
      int[] itemOffsets = m.itemOffsets();
      int[] itemUsers = m.itemUsers();
      float[] itemValues = m.itemValues();
      int[] userOffsets = m.userOffsets();
      int[] userItems = m.userItems();
      float[] userValues = m.userValues();
      for (int c = itemOffsets[item]; c < itemOffsets[item + 1]; c++) {
        int user = itemUsers[c];
        if (weighted) {
          double like = itemValues[c];
          for (int p = userOffsets[user]; p < userOffsets[user + 1]; p++) {
            sums.add(userItems[p], like * userValues[p]);
          }
        } else {
          for (int p = userOffsets[user]; p < userOffsets[user + 1]; p++) {
            sums.add(userItems[p], 1);
          }
        }
      }
      double norm = squaredNorms[item];
      sums.drainTo(item, (other, dot) -> dot / Math.sqrt(norm * squaredNorms[other]), best);
    }
  }
}
