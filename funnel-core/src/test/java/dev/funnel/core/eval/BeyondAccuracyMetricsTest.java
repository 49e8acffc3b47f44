package dev.funnel.core.eval;

import static dev.funnel.core.data.TestData.matrix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class BeyondAccuracyMetricsTest {
  private static final double EPS = 1e-12;
  private static final double LOG2_3 = 1.5849625007211563;

  @Test
  void selfInformationIsMinusLog2OfTheShareOfTrainingUsers() {
    // Users 0-2 have training interactions, user 3 none: 3 training users.
    // Item 0: users 0, 1, 2 → share 1 → 0 bits. Item 1: user 0 → log2 3. Item 2: nobody → counted as 1 user →
    // log2 3. Item 3: users 1, 2 → log2(3/2) = log2 3 − 1.
    double[] information = BeyondAccuracyMetrics.selfInformation(matrix(4, 4,
        new long[] {0, 0, 1}, new long[] {0, 1, 2},
        new long[] {1, 0, 1}, new long[] {1, 3, 1},
        new long[] {2, 0, 1}, new long[] {2, 3, 1}));
    assertThat(information[0]).isCloseTo(0, within(EPS));
    assertThat(information[1]).isCloseTo(LOG2_3, within(EPS));
    assertThat(information[2]).isCloseTo(LOG2_3, within(EPS));
    assertThat(information[3]).isCloseTo(LOG2_3 - 1, within(EPS));
  }

  @Test
  void selfInformationWithoutTrainingUsersIsZero() {
    assertThat(BeyondAccuracyMetrics.selfInformation(matrix(2, 3))).containsExactly(0, 0, 0);
  }

  @Test
  void intraListDiversityAveragesOneMinusJaccardOverPairs() {
    // Item 0 {drama, war}, 1 {war, comedy}, 2 {comedy}, 3 none.
    FeatureTable.Builder table = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder tags = table.column("tags", FeatureKind.MULTI_VALUED);
    tags.setMultiValued(0, List.of("drama", "war"));
    tags.setMultiValued(1, List.of("war", "comedy"));
    tags.setMultiValued(2, List.of("comedy"));
    ItemCategories categories = ItemCategories.select(table.build(new int[] {0, 1, 2, 3}, 4), null);
    int[] list = {0, 1, 2, 3};
    // Pairs: (0,1) 1 − 1/3 = 2/3; (0,2) 1; (1,2) 1 − 1/2 = 1/2; item 3 differs from each by 1.
    assertThat(BeyondAccuracyMetrics.intraListDiversity(list, 0, categories)).isZero();
    assertThat(BeyondAccuracyMetrics.intraListDiversity(list, 1, categories)).isZero();
    assertThat(BeyondAccuracyMetrics.intraListDiversity(list, 2, categories)).isCloseTo(2.0 / 3, within(EPS));
    assertThat(BeyondAccuracyMetrics.intraListDiversity(list, 3, categories))
        .isCloseTo((2.0 / 3 + 1 + 0.5) / 3, within(EPS));
    assertThat(BeyondAccuracyMetrics.intraListDiversity(list, 4, categories))
        .isCloseTo((2.0 / 3 + 1 + 0.5 + 3) / 6, within(EPS));
    assertThat(BeyondAccuracyMetrics.intraListDiversity(new int[] {3, 3}, 2, categories)).isZero();
  }

  @Test
  void itemAgesAreDaysBeforeTheEndOfTrainingByTheFirstTimeColumn() {
    FeatureTable.Builder table = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder released = table.column("released", FeatureKind.TIME);
    FeatureTable.ColumnBuilder later = table.column("updated", FeatureKind.TIME);
    released.setTime(0, 1_000_000 - 2 * 86_400); // two days old
    released.setTime(2, 1_000_000 - 43_200); // half a day old; item 1 has no release time
    later.setTime(1, 0); // a second time column is not read
    double[] ages = BeyondAccuracyMetrics.itemAgeDays(table.build(new int[] {0, 1, 2}, 3), 1_000_000);
    assertThat(ages[0]).isEqualTo(2.0);
    assertThat(ages[1]).isNaN();
    assertThat(ages[2]).isEqualTo(0.5);
    FeatureTable.Builder none = new FeatureTable.Builder();
    none.column("genre", FeatureKind.CATEGORICAL).setCategorical(0, "drama");
    assertThat(BeyondAccuracyMetrics.itemAgeDays(none.build(new int[] {0}, 1), 0)).isNull();
  }
}
