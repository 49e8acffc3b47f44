package dev.funnel.spark;

import dev.funnel.core.util.TopK;
import dev.funnel.retrieval.cf.RowAccumulator;
import java.util.List;

/**
 * ItemCF's row i1 (binary or weighted, DESIGN.md): for each user of i1, in id order, and each item i2 of that user,
 * add {@code like(u,i1)·like(u,i2)} (1 when binary) to i2's sum; then {@code sim = dot · (1/‖i1‖ · 1/‖i2‖)}, the
 * single-node expression, and keep the top k with score &gt; 0.
 */
final class ItemCfScorer implements RowScorer {
  private final double[] inverseNorms;
  private final boolean weighted;
  private final RowAccumulator sums;

  ItemCfScorer(double[] inverseNorms, boolean weighted) {
    this.inverseNorms = inverseNorms;
    this.weighted = weighted;
    this.sums = new RowAccumulator(inverseNorms.length);
  }

  @Override
  public void score(int row, List<Member> users, TopK best) {
    for (Member user : users) {
      double like = user.like();
      for (int p = 0; p < user.ids().length; p++) {
        sums.add(user.ids()[p], weighted ? like * user.likes()[p] : 1);
      }
    }
    double inverseNorm = inverseNorms[row];
    sums.drainTo(row, (other, dot) -> dot * (inverseNorm * inverseNorms[other]), best);
  }
}
