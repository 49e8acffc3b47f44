package dev.funnel.retrieval.cf;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.TopK;
import java.util.function.LongConsumer;

/**
 * ItemCF: the cosine between item columns. Binary: {@code sim(i1,i2) = |W1 ∩ W2| / sqrt(|W1|·|W2|)}; weighted:
 * {@code Σ_v like(v,i1)·like(v,i2) / sqrt(Σ_u like(u,i1)² · Σ_u like(u,i2)²)} with like = the interaction value.
 * Both are computed as {@code dot · (1/‖i1‖ · 1/‖i2‖)} (the same product both ways round, so the index is exactly
 * symmetric), binary being the weighted form with every value 1.
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
    double[] inverseNorms = inverseNorms(m);
    return ParallelRows.compute(m.numItems(), config.k(), config.threads(), progress,
        () -> new Scorer(m, inverseNorms, weighted));
  }

  /** 1/‖i‖ per item (infinite for an all-zero column, whose similarities then come out NaN and are dropped). */
  private double[] inverseNorms(InteractionMatrix m) {
    double[] inverse = new double[m.numItems()];
    int[] offsets = m.itemOffsets();
    float[] values = m.itemValues();
    for (int i = 0; i < m.numItems(); i++) {
      double squared = 0;
      for (int p = offsets[i]; p < offsets[i + 1]; p++) {
        squared += weighted ? (double) values[p] * values[p] : 1;
      }
      inverse[i] = 1 / Math.sqrt(squared);
    }
    return inverse;
  }

  private static final class Scorer implements RowScorer {
    private final InteractionMatrix m;
    private final double[] inverseNorms;
    private final boolean weighted;
    private final RowAccumulator sums;

    Scorer(InteractionMatrix m, double[] inverseNorms, boolean weighted) {
      this.m = m;
      this.inverseNorms = inverseNorms;
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
      double inverseNorm = inverseNorms[item];
      sums.drainTo(item, (other, dot) -> dot * (inverseNorm * inverseNorms[other]), best);
    }
  }
}
