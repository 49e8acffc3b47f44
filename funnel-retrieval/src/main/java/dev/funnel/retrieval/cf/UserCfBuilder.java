package dev.funnel.retrieval.cf;

import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.TopK;
import java.util.function.LongConsumer;

/**
 * UserCF: {@code sim(u1,u2) = Σ_{l ∈ J1 ∩ J2} c_l / sqrt(|J1|·|J2|)} with {@code c_l = 1} (plain) or {@code c_l =
 * 1 / ln(1 + n_l)}, n_l = number of users of item l (popularity-penalised). Interactions count as 1 (binary).
 *
 * <p>Row u1: for each item l of u1 and each user u2 of l, add c_l to u2's dense sum; then normalise the touched
 * users and keep the top k. Time O(Σ_l |W_l|² + T log k) where T ≤ Σ_l |W_l|² is the number of (row, touched
 * user) pairs; memory O(users) per thread plus the O(users · k) output. Caps ({@link InteractionCaps}) apply
 * first, so n_l and |J| are those of the capped matrix.
 */
final class UserCfBuilder implements SimilarityBuilder {
  private final SimilarityConfig config;
  private final boolean popularityPenalised;

  UserCfBuilder(SimilarityConfig config, boolean popularityPenalised) {
    this.config = config;
    this.popularityPenalised = popularityPenalised;
  }

  @Override
  public NeighborIndex build(InteractionMatrix matrix, LongConsumer progress) {
    InteractionMatrix m = InteractionCaps.apply(matrix, config.maxUserItems(), config.maxItemUsers());
    double[] itemWeights = new double[m.numItems()];
    for (int l = 0; l < m.numItems(); l++) {
      itemWeights[l] = popularityPenalised ? 1 / Math.log1p(m.itemDegree(l)) : 1; // read only when n_l ≥ 1
    }
    double[] inverseNorms = new double[m.numUsers()];
    for (int u = 0; u < m.numUsers(); u++) {
      inverseNorms[u] = 1 / Math.sqrt(m.userDegree(u));
    }
    return ParallelRows.compute(m.numUsers(), config.k(), config.threads(), progress,
        () -> new Scorer(m, itemWeights, inverseNorms));
  }

  private static final class Scorer implements RowScorer {
    private final InteractionMatrix m;
    private final double[] itemWeights;
    private final double[] inverseNorms;
    private final RowAccumulator sums;

    Scorer(InteractionMatrix m, double[] itemWeights, double[] inverseNorms) {
      this.m = m;
      this.itemWeights = itemWeights;
      this.inverseNorms = inverseNorms;
      this.sums = new RowAccumulator(m.numUsers());
    }

    @Override
    public void score(int user, TopK best) {
      int[] userOffsets = m.userOffsets();
      int[] userItems = m.userItems();
      int[] itemOffsets = m.itemOffsets();
      int[] itemUsers = m.itemUsers();
      for (int p = userOffsets[user]; p < userOffsets[user + 1]; p++) {
        int item = userItems[p];
        double weight = itemWeights[item];
        for (int c = itemOffsets[item]; c < itemOffsets[item + 1]; c++) {
          sums.add(itemUsers[c], weight);
        }
      }
      double inverseNorm = inverseNorms[user];
      sums.drainTo(user, (other, shared) -> shared * (inverseNorm * inverseNorms[other]), best);
    }
  }
}
