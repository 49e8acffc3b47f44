package dev.funnel.rank.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.InteractionMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelFoldsTest {

  /** A random matrix: each user has 0 to 12 distinct items (at most all of them) at times drawn from a small range, so times repeat. */
  private static InteractionMatrix randomMatrix(int users, int items, long seed) {
    Random random = new Random(seed);
    List<int[]> rows = new ArrayList<>();
    for (int u = 0; u < users; u++) {
      int[] picked = random.ints(0, items).distinct().limit(random.nextInt(Math.min(items, 12) + 1)).toArray();
      for (int item : picked) {
        rows.add(new int[] {u, item, random.nextInt(50)});
      }
    }
    return matrix(users, items, rows);
  }

  /** Every interaction as "user:item@time", to compare matrices as sets. */
  private static Set<String> entries(InteractionMatrix m) {
    Set<String> out = new HashSet<>();
    for (int u = 0; u < m.numUsers(); u++) {
      for (int p = m.userOffsets()[u]; p < m.userOffsets()[u + 1]; p++) {
        out.add(u + ":" + m.userItems()[p] + "@" + m.userTimes()[p]);
      }
    }
    return out;
  }

  private static void assertPartition(InteractionMatrix all, LabelFolds.Fold fold) {
    Set<String> features = entries(fold.features());
    Set<String> labels = entries(fold.labels());
    assertThat(features).doesNotContainAnyElementsOf(labels);
    Set<String> union = new HashSet<>(features);
    union.addAll(labels);
    assertThat(union).isEqualTo(entries(all));
  }

  /** User 0 has items 5, 6, 7, 8 at times 1..4; user 1 has item 9 only; user 2 items 5, 6 at times 7, 8. */
  @Test
  void lastFoldsLabelTheKthLatestAndDropWhatFollows() {
    InteractionMatrix matrix = matrix(3, 10, List.of(new int[] {0, 5, 1}, new int[] {0, 6, 2}, new int[] {0, 7, 3},
        new int[] {0, 8, 4}, new int[] {1, 9, 5}, new int[] {2, 5, 7}, new int[] {2, 6, 8}));
    List<LabelFolds.Fold> folds = LabelFolds.LAST.folds(matrix, new double[] {1, 2}, 0);
    assertThat(entries(folds.get(0).labels())).containsExactlyInAnyOrder("0:8@4", "2:6@8");
    assertThat(entries(folds.get(0).features())).containsExactlyInAnyOrder("0:5@1", "0:6@2", "0:7@3", "2:5@7");
    assertThat(folds.get(0).requestTimes()[0]).isEqualTo(4);
    assertThat(entries(folds.get(1).labels())).containsExactlyInAnyOrder("0:7@3");
    assertThat(entries(folds.get(1).features())).containsExactlyInAnyOrder("0:5@1", "0:6@2");
    assertThat(folds.get(1).asOf()).isEqualTo(2);
    assertThatThrownBy(() -> LabelFolds.LAST.folds(matrix, new double[] {0.5}, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole numbers");
  }

  @Test
  void temporalFoldsSplitAtTheQuantileTime() {
    InteractionMatrix matrix = randomMatrix(30, 40, 1);
    double[] cuts = {0.5, 0.8};
    List<LabelFolds.Fold> folds = LabelFolds.TEMPORAL.folds(matrix, cuts, 0);
    assertThat(folds).hasSize(2);
    long[] sorted = matrix.userTimes().clone();
    Arrays.sort(sorted);
    for (int f = 0; f < cuts.length; f++) {
      LabelFolds.Fold fold = folds.get(f);
      long cut = sorted[(int) (cuts[f] * sorted.length)];
      assertThat(fold.asOf()).isEqualTo(cut);
      assertThat(fold.requestTimes()).hasSize(30).containsOnly(cut);
      assertThat(Arrays.stream(fold.features().userTimes()).max().orElse(Long.MIN_VALUE)).isLessThan(cut);
      assertThat(Arrays.stream(fold.labels().userTimes()).min().orElseThrow()).isGreaterThanOrEqualTo(cut);
      assertPartition(matrix, fold);
    }
  }

  @Test
  void temporalCutOnAHandMadeMatrix() {
    // times 10, 20, 30, 40 (users 0, 0, 1, 1); the 0.5 quantile is sorted[2] = 30
    InteractionMatrix matrix = InteractionMatrix.of(2, 3, new int[] {0, 0, 1, 1}, new int[] {0, 1, 1, 2},
        new float[] {1, 1, 1, 1}, new long[] {10, 20, 30, 40});
    LabelFolds.Fold fold = LabelFolds.TEMPORAL.folds(matrix, new double[] {0.5}, 0).get(0);
    assertThat(fold.asOf()).isEqualTo(30);
    assertThat(entries(fold.features())).containsExactlyInAnyOrder("0:0@10", "0:1@20");
    assertThat(entries(fold.labels())).containsExactlyInAnyOrder("1:1@30", "1:2@40");
  }

  @Test
  void holdoutTakesEachUsersLatestFractionButNeverTheOnlyInteraction() {
    // user 0: one interaction; user 1: two; user 2: ten (times 100 + k); user 3: two.
    List<int[]> rows = new ArrayList<>();
    rows.add(new int[] {0, 0, 5});
    rows.add(new int[] {1, 0, 7});
    rows.add(new int[] {1, 1, 9});
    for (int k = 0; k < 10; k++) {
      rows.add(new int[] {2, k, 100 + k});
    }
    rows.add(new int[] {3, 3, 50});
    rows.add(new int[] {3, 4, 60});
    InteractionMatrix matrix = matrix(4, 10, rows);

    LabelFolds.Fold fold = LabelFolds.HOLDOUT.folds(matrix, new double[] {0.3}, 0).get(0);
    // user 0: nothing held; user 1: round(0.6) = 1; user 2: round(3.0) = 3 (times 107..109); user 3: 1
    assertThat(fold.labels().userDegree(0)).isZero();
    assertThat(entries(fold.labels())).containsExactlyInAnyOrder(
        "1:1@9", "2:7@107", "2:8@108", "2:9@109", "3:4@60");
    assertPartition(matrix, fold);
    assertThat(fold.requestTimes()[1]).isEqualTo(9);
    assertThat(fold.requestTimes()[2]).isEqualTo(107);
    assertThat(fold.requestTimes()[3]).isEqualTo(60);
    assertThat(fold.asOf()).isEqualTo(106); // the latest feature interaction (user 2 at 106)

    // a tiny fraction still holds one out; a large one never takes a user's last feature interaction
    LabelFolds.Fold small = LabelFolds.HOLDOUT.folds(matrix, new double[] {0.01}, 0).get(0);
    assertThat(entries(small.labels())).containsExactlyInAnyOrder("1:1@9", "2:9@109", "3:4@60");
    LabelFolds.Fold large = LabelFolds.HOLDOUT.folds(matrix, new double[] {0.99}, 0).get(0);
    for (int u = 0; u < 4; u++) {
      assertThat(large.features().userDegree(u)).isEqualTo(1);
    }
  }

  @Test
  void randomFoldsAreDeterministicPerSeedAndDifferAcrossCuts() {
    InteractionMatrix matrix = randomMatrix(40, 30, 2);
    double[] cuts = {0.3, 0.3};
    List<LabelFolds.Fold> first = LabelFolds.RANDOM.folds(matrix, cuts, 42);
    List<LabelFolds.Fold> again = LabelFolds.RANDOM.folds(matrix, cuts, 42);
    List<LabelFolds.Fold> otherSeed = LabelFolds.RANDOM.folds(matrix, cuts, 43);
    assertThat(first).hasSize(2);
    for (int f = 0; f < 2; f++) {
      assertThat(entries(again.get(f).labels())).isEqualTo(entries(first.get(f).labels()));
      assertThat(again.get(f).requestTimes()).containsExactly(first.get(f).requestTimes());
      assertPartition(matrix, first.get(f));
    }
    assertThat(entries(first.get(1).labels())).isNotEqualTo(entries(first.get(0).labels()));
    assertThat(entries(otherSeed.get(0).labels())).isNotEqualTo(entries(first.get(0).labels()));
  }

  @Test
  void randomFoldRequestsComeAtEachUsersLatestFeatureInteraction() {
    InteractionMatrix matrix = randomMatrix(40, 30, 3);
    LabelFolds.Fold fold = LabelFolds.RANDOM.folds(matrix, new double[] {0.25}, 7).get(0);
    InteractionMatrix features = fold.features();
    long latestOverall = Long.MIN_VALUE;
    for (int u = 0; u < matrix.numUsers(); u++) {
      long latest = Long.MIN_VALUE;
      for (int p = features.userOffsets()[u]; p < features.userOffsets()[u + 1]; p++) {
        latest = Math.max(latest, features.userTimes()[p]);
      }
      assertThat(fold.requestTimes()[u]).as("user %d", u).isEqualTo(latest);
      latestOverall = Math.max(latestOverall, latest);
    }
    assertThat(fold.asOf()).isEqualTo(latestOverall);
  }

  @Test
  void fromNameIgnoresCaseAndListsTheNamesOnError() {
    assertThat(LabelFolds.fromName(" Temporal ")).isEqualTo(LabelFolds.TEMPORAL);
    assertThat(LabelFolds.fromName("holdout")).isEqualTo(LabelFolds.HOLDOUT);
    assertThat(LabelFolds.fromName("RANDOM")).isEqualTo(LabelFolds.RANDOM);
    assertThat(LabelFolds.fromName("last")).isEqualTo(LabelFolds.LAST);
    assertThatThrownBy(() -> LabelFolds.fromName("loo"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'loo'").hasMessageContaining("temporal, holdout, last, random");
  }

  @Test
  void rejectsCutsOutsideTheOpenUnitInterval() {
    InteractionMatrix matrix = randomMatrix(5, 5, 4);
    for (double bad : new double[] {0, 1, -0.2, 1.5, Double.NaN}) {
      for (LabelFolds folds : List.of(LabelFolds.TEMPORAL, LabelFolds.HOLDOUT, LabelFolds.RANDOM)) {
        assertThatThrownBy(() -> folds.folds(matrix, new double[] {0.5, bad}, 0))
            .as("%s with cut %s", folds, bad)
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(0, 1)");
      }
    }
    assertThatThrownBy(() -> LabelFolds.TEMPORAL.folds(matrix, new double[0], 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
  }

  private static InteractionMatrix matrix(int users, int items, List<int[]> rows) {
    int n = rows.size();
    int[] us = new int[n];
    int[] is = new int[n];
    long[] ts = new long[n];
    float[] values = new float[n];
    for (int k = 0; k < n; k++) {
      us[k] = rows.get(k)[0];
      is[k] = rows.get(k)[1];
      ts[k] = rows.get(k)[2];
      values[k] = 1;
    }
    return InteractionMatrix.of(users, items, us, is, values, ts);
  }

  @Test
  void noInteractionsMakeNoFolds() {
    InteractionMatrix empty = InteractionMatrix.of(2, 3, new int[0], new int[0], new float[0], new long[0]);
    for (LabelFolds folds : LabelFolds.values()) {
      assertThatThrownBy(() -> folds.folds(empty, new double[] {folds == LabelFolds.LAST ? 1 : 0.5}, 0))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no interactions");
    }
  }
}
