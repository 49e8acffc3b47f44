package dev.funnel.retrieval.cf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

/**
 * Checks a built index against brute-force similarities. Scores may differ in the last bits (sums run in another
 * order), so they match within a relative tolerance, and ids must match exactly wherever the expected score is
 * not within that tolerance of another candidate's (a near-tie may come out in either order).
 */
final class NeighborAssert {
  private static final double TOLERANCE = 1e-6;

  private NeighborAssert() {}

  static void assertMatches(NeighborIndex index, double[][] expected, int k, String context) {
    assertThat(index.size()).as(context + ": rows").isEqualTo(expected.length);
    for (int row = 0; row < expected.length; row++) {
      assertRow(index, expected, row, k, context + ", row " + row);
    }
  }

  private static void assertRow(NeighborIndex index, double[][] sims, int row, int k, String context) {
    List<BruteForceSimilarity.Neighbor> all = BruteForceSimilarity.topK(sims, row, Integer.MAX_VALUE);
    List<BruteForceSimilarity.Neighbor> expected = all.subList(0, Math.min(k, all.size()));
    int start = index.offsets()[row];
    assertThat(index.degree(row)).as(context + ": degree, expected " + expected).isEqualTo(expected.size());
    for (int p = 0; p < expected.size(); p++) {
      int id = index.neighbors()[start + p];
      float score = index.scores()[start + p];
      String at = context + ", position " + p + ", expected " + expected;
      assertThat(id).as(at + ": not itself").isNotEqualTo(row);
      assertThat(score).as(at + ": positive").isPositive();
      assertThat((double) score).as(at + ": score").isCloseTo(expected.get(p).score(), within(score));
      assertThat((double) score).as(at + ": true score of " + id).isCloseTo(sims[row][id], within(score));
      if (p > 0) {
        float previous = index.scores()[start + p - 1];
        assertThat(previous > score || previous == score && index.neighbors()[start + p - 1] < id)
            .as(at + ": sorted by score descending, then id").isTrue();
      }
      if (!nearTie(all, p)) {
        assertThat(id).as(at + ": id").isEqualTo(expected.get(p).id());
      }
    }
  }

  private static org.assertj.core.data.Offset<Double> within(double score) {
    return org.assertj.core.data.Offset.offset(TOLERANCE * Math.max(1, Math.abs(score)));
  }

  private static boolean nearTie(List<BruteForceSimilarity.Neighbor> all, int p) {
    double score = all.get(p).score();
    for (int q = 0; q < all.size(); q++) {
      if (q != p && Math.abs(all.get(q).score() - score) <= 2 * TOLERANCE * Math.max(1, score)) {
        return true;
      }
    }
    return false;
  }
}
