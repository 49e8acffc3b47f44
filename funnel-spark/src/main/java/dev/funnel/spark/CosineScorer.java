package dev.funnel.spark;

import dev.funnel.core.util.TopK;
import dev.funnel.retrieval.cf.RowAccumulator;
import java.util.List;

/**
 * ItemCF's and UserCF's row (DESIGN.md): for each member, in the row's order, and each of the member's ids, add the
 * {@link Contribution} to that id's sum; then {@code sim = sum · (1/‖row‖ · 1/‖other‖)}, the single-node expression,
 * and keep the top k with score &gt; 0. ItemCF's members are an item's users (with their items), UserCF's a user's
 * items (with their users).
 */
final class CosineScorer implements RowScorer {
  /** What a member's p-th id adds to that id's sum. */
  interface Contribution {
    double of(Member member, int p);
  }

  /** Binary ItemCF and plain UserCF: each shared member counts 1. */
  static final Contribution ONE = (member, p) -> 1;
  /** Weighted ItemCF: {@code like(u,i1)·like(u,i2)}. */
  static final Contribution PRODUCT = (member, p) -> (double) member.like() * member.likes()[p];
  /** Popularity-penalised UserCF: a shared item l counts {@code 1 / ln(1 + n_l)}. */
  static final Contribution INVERSE_LOG_POPULARITY = (member, p) -> 1 / Math.log1p(member.ids().length);

  private final double[] inverseNorms;
  private final Contribution contribution;
  private final RowAccumulator sums;

  /** @param inverseNorms 1/‖x‖ of every row id (the sums are over the same ids) */
  CosineScorer(double[] inverseNorms, Contribution contribution) {
    this.inverseNorms = inverseNorms;
    this.contribution = contribution;
    this.sums = new RowAccumulator(inverseNorms.length);
  }

  @Override
  public void score(int row, List<Member> members, TopK best) {
    for (Member member : members) {
      int[] ids = member.ids();
      for (int p = 0; p < ids.length; p++) {
        sums.add(ids[p], contribution.of(member, p));
      }
    }
    double inverseNorm = inverseNorms[row];
    sums.drainTo(row, (other, sum) -> sum * (inverseNorm * inverseNorms[other]), best);
  }
}
