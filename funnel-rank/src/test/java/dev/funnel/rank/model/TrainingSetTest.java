package dev.funnel.rank.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrainingSetTest {
  private static final String[] NAMES = {"x", "y"};

  /** Groups of 2, 3 and 1 rows; row r has features (r, 10·r) and label r mod 2. */
  private static TrainingSet sixRows() {
    float[] features = new float[12];
    float[] labels = new float[6];
    for (int r = 0; r < 6; r++) {
      features[2 * r] = r;
      features[2 * r + 1] = 10 * r;
      labels[r] = r % 2;
    }
    return new TrainingSet(NAMES, features, labels, new int[] {2, 3, 1});
  }

  @Test
  void countsRowsDimensionAndPositives() {
    TrainingSet set = sixRows();
    assertThat(set.rows()).isEqualTo(6);
    assertThat(set.dimension()).isEqualTo(2);
    assertThat(set.positives()).isEqualTo(3);
  }

  @Test
  void groupsSliceRowsLabelsAndFeatures() {
    TrainingSet tail = sixRows().groups(1, 3); // rows 2..5
    assertThat(tail.names()).containsExactly(NAMES);
    assertThat(tail.groups()).containsExactly(3, 1);
    assertThat(tail.labels()).containsExactly(0, 1, 0, 1);
    assertThat(tail.features()).containsExactly(2, 20, 3, 30, 4, 40, 5, 50);

    TrainingSet middle = sixRows().groups(1, 2); // rows 2..4
    assertThat(middle.groups()).containsExactly(3);
    assertThat(middle.labels()).containsExactly(0, 1, 0);
    assertThat(middle.features()).containsExactly(2, 20, 3, 30, 4, 40);

    TrainingSet head = sixRows().groups(0, 1);
    assertThat(head.features()).containsExactly(0, 0, 1, 10);
    assertThat(head.labels()).containsExactly(0, 1);
  }

  @Test
  void anEmptyRangeIsAnEmptySet() {
    TrainingSet none = sixRows().groups(2, 2);
    assertThat(none.rows()).isZero();
    assertThat(none.groups()).isEmpty();
    assertThat(none.features()).isEmpty();
  }

  @Test
  void rejectsFeaturesThatDoNotFitTheRows() {
    assertThatThrownBy(() -> new TrainingSet(NAMES, new float[5], new float[3], new int[] {3}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("5 feature values for 3 rows of 2");
  }

  @Test
  void rejectsGroupsThatDoNotAddUpToTheRows() {
    assertThatThrownBy(() -> new TrainingSet(NAMES, new float[6], new float[3], new int[] {2, 2}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("3 rows");
    assertThatThrownBy(() -> new TrainingSet(NAMES, new float[6], new float[3], new int[] {2}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
