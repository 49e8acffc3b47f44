package dev.funnel.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/**
 * Hand-worked cases for DESIGN.md's formulas. Gains: 1/log2(rank+1), so rank 1 → 1, rank 2 → 1/log2 3 =
 * 0.6309297536, rank 3 → 1/log2 4 = 0.5, rank 4 → 1/log2 5 = 0.4306765581.
 */
class RankingMetricsTest {
  private static final double EPS = 1e-9;

  private static double[] compute(boolean[] relevant, int length, int testSize, int k) {
    double[] out = new double[RankingMetrics.NAMES.length];
    RankingMetrics.compute(relevant, length, testSize, k, out);
    return out;
  }

  private static void assertMetrics(double[] actual, double hr, double precision, double recall, double ndcg,
      double mrr, double ap) {
    assertThat(actual[RankingMetrics.HR]).as("HR").isCloseTo(hr, within(EPS));
    assertThat(actual[RankingMetrics.PRECISION]).as("Precision").isCloseTo(precision, within(EPS));
    assertThat(actual[RankingMetrics.RECALL]).as("Recall").isCloseTo(recall, within(EPS));
    assertThat(actual[RankingMetrics.NDCG]).as("NDCG").isCloseTo(ndcg, within(EPS));
    assertThat(actual[RankingMetrics.MRR]).as("MRR").isCloseTo(mrr, within(EPS));
    assertThat(actual[RankingMetrics.MAP]).as("MAP").isCloseTo(ap, within(EPS));
  }

  // List: miss, HIT, miss, HIT, miss; the user has 3 test items.
  private static final boolean[] TWO_HITS = {false, true, false, true, false};

  @Test
  void twoHitsInFiveAtKFive() {
    // hits = 2 (ranks 2 and 4). HR = 1. Precision = 2/5. Recall = 2/3.
    // DCG = 0.6309297536 + 0.4306765581 = 1.0616063116.
    // IDCG over min(3, 5) = 3 items = 1 + 0.6309297536 + 0.5 = 2.1309297536. NDCG = 0.4981892575.
    // MRR = 1/2. AP = (P@2 + P@4) / min(3, 5) = (1/2 + 2/4) / 3 = 1/3.
    assertMetrics(compute(TWO_HITS, 5, 3, 5), 1, 0.4, 2.0 / 3, 0.4981892575, 0.5, 1.0 / 3);
  }

  @Test
  void cutOffThreeCountsOnlyTheFirstThree() {
    // Only rank 2 is a hit within K = 3. Precision = 1/3, Recall = 1/3.
    // DCG = 0.6309297536, IDCG over min(3, 3) = 2.1309297536 → NDCG = 0.2960819110.
    // AP = P@2 / 3 = (1/2) / 3 = 1/6.
    assertMetrics(compute(TWO_HITS, 5, 3, 3), 1, 1.0 / 3, 1.0 / 3, 0.2960819110, 0.5, 1.0 / 6);
  }

  @Test
  void idealListIsCappedAtKWhenTheUserHasMoreTestItems() {
    // K = 2 < |test| = 3: IDCG over 2 items = 1 + 0.6309297536 = 1.6309297536; DCG = 0.6309297536
    // → NDCG = 0.3868528072. AP = P@2 / min(3, 2) = 0.5 / 2 = 0.25. Precision = 1/2, Recall = 1/3.
    assertMetrics(compute(TWO_HITS, 5, 3, 2), 1, 0.5, 1.0 / 3, 0.3868528072, 0.5, 0.25);
  }

  @Test
  void shortListCountsItsMissingPlacesAsMisses() {
    // One item, a hit; K = 10. Precision = 1/10 (not 1/1). Recall = 1. NDCG = 1/1. MRR = 1. AP = 1/min(1,10) = 1.
    assertMetrics(compute(new boolean[] {true}, 1, 1, 10), 1, 0.1, 1, 1, 1, 1);
  }

  @Test
  void noHitScoresZeroEverywhere() {
    assertMetrics(compute(new boolean[] {false, false, false}, 3, 2, 3), 0, 0, 0, 0, 0, 0);
    assertMetrics(compute(new boolean[0], 0, 1, 5), 0, 0, 0, 0, 0, 0);
  }

  @Test
  void hitsBeyondKDoNotCount() {
    assertMetrics(compute(new boolean[] {false, false, true}, 3, 1, 2), 0, 0, 0, 0, 0, 0);
  }

  @Test
  void perfectPrefixOfALongTestSet() {
    // 3 hits at ranks 1..3, |test| = 5, K = 3: Precision 1, Recall 3/5, NDCG = DCG/IDCG over 3 = 1,
    // AP = (1/1 + 2/2 + 3/3) / min(5, 3) = 1.
    assertMetrics(compute(new boolean[] {true, true, true}, 3, 5, 3), 1, 1, 0.6, 1, 1, 1);
  }

  @Test
  void mrrUsesTheFirstHitOnly() {
    // Hits at ranks 3 and 4, |test| = 2, K = 4. MRR = 1/3.
    // DCG = 0.5 + 0.4306765581 = 0.9306765581; IDCG over 2 = 1.6309297536 → NDCG = 0.5706417189.
    // AP = (P@3 + P@4) / 2 = (1/3 + 2/4) / 2 = 5/12.
    assertMetrics(compute(new boolean[] {false, false, true, true}, 4, 2, 4), 1, 0.5, 1, 0.5706417189, 1.0 / 3,
        5.0 / 12);
  }

  @Test
  void entriesBeyondTheListLengthAreIgnored() {
    // A reused buffer: only the first 2 entries belong to this list.
    boolean[] buffer = {false, true, true, true};
    // One hit at rank 2; K = 4, |test| = 1. NDCG = 0.6309297536 / 1; AP = (1/2) / 1.
    assertMetrics(compute(buffer, 2, 1, 4), 1, 0.25, 1, 0.6309297536, 0.5, 0.5);
  }

  @Test
  void rejectsEmptyTestSetsAndCutOffsBelowOne() {
    assertThatThrownBy(() -> compute(new boolean[1], 1, 0, 5)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("testSize");
    assertThatThrownBy(() -> compute(new boolean[1], 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void namesAreInReportOrder() {
    assertThat(RankingMetrics.NAMES).containsExactly("HR", "Precision", "Recall", "NDCG", "MRR", "MAP");
  }
}
