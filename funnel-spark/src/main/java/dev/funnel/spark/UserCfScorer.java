package dev.funnel.spark;

import dev.funnel.core.util.TopK;
import dev.funnel.retrieval.cf.RowAccumulator;
import java.util.List;

/**
 * UserCF's row u1 (plain or popularity-penalised, DESIGN.md): for each item l of u1, in time order, add {@code c_l}
 * ({@code 1}, or {@code 1 / ln(1 + n_l)}) to the sum of each user of l; then {@code sim = shared · (1/sqrt|J1| ·
 * 1/sqrt|J2|)}, the single-node expression, and keep the top k with score &gt; 0.
 */
final class UserCfScorer implements RowScorer {
  private final double[] inverseNorms;
  private final boolean popularityPenalised;
  private final RowAccumulator sums;

  UserCfScorer(double[] inverseNorms, boolean popularityPenalised) {
    this.inverseNorms = inverseNorms;
    this.popularityPenalised = popularityPenalised;
    this.sums = new RowAccumulator(inverseNorms.length);
  }

  @Override
  public void score(int row, List<Member> items, TopK best) {
    for (Member item : items) {
      int[] users = item.ids();
      double weight = popularityPenalised ? 1 / Math.log1p(users.length) : 1;
      for (int user : users) {
        sums.add(user, weight);
      }
    }
    double inverseNorm = inverseNorms[row];
    sums.drainTo(row, (other, shared) -> shared * (inverseNorm * inverseNorms[other]), best);
  }
}
