package dev.funnel.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FeatureTableTest {
  /** Provisional rows 0, 1, 2 become dense rows 2, 0, 1; the table has 4 rows (dense row 3 never set). */
  private static final int[] REMAP = {2, 0, 1};

  private static FeatureTable sample() {
    FeatureTable.Builder builder = new FeatureTable.Builder();
    builder.column("genre", FeatureKind.CATEGORICAL).setCategorical(0, "drama");
    builder.column("genre", FeatureKind.CATEGORICAL).setCategorical(2, "comedy");
    builder.column("tags", FeatureKind.MULTI_VALUED).setMultiValued(1, List.of("b", "a"));
    builder.column("tags", FeatureKind.MULTI_VALUED).setMultiValued(0, List.of("a"));
    builder.column("price", FeatureKind.NUMERIC).setNumeric(1, 9.5f);
    builder.column("price", FeatureKind.NUMERIC).setNumeric(1, 7.5f); // set twice: the last value wins
    builder.column("published", FeatureKind.TIME).setTime(2, 1_700_000_000L);
    builder.column("title", FeatureKind.TEXT).setText(0, "Heat");
    return builder.build(REMAP, 4);
  }

  @Test
  void columnsKeepDeclarationOrderAndKinds() {
    FeatureTable table = sample();
    assertThat(table.rows()).isEqualTo(4);
    assertThat(table.columns()).extracting(FeatureColumn::name)
        .containsExactly("genre", "tags", "price", "published", "title");
    assertThat(table.columns()).extracting(FeatureColumn::kind).containsExactly(FeatureKind.values());
    assertThat(table.column("missing")).isNull();
  }

  @Test
  void categoricalValuesMoveToDenseRowsAndMissingIsMinusOne() {
    FeatureColumn.Categorical genre = (FeatureColumn.Categorical) sample().column("genre");
    assertThat(genre.vocabulary()).containsExactly("drama", "comedy"); // first-seen order
    assertThat(genre.codes()).containsExactly(-1, 1, 0, -1);
    assertThat(genre.value(2)).isEqualTo("drama");
    assertThat(genre.value(1)).isEqualTo("comedy");
    assertThat(genre.value(0)).isNull();
    assertThat(genre.value(3)).isNull();
  }

  @Test
  void multiValuedRowsKeepTheirGivenOrderAndMissingRowsAreEmpty() {
    FeatureColumn.MultiValued tags = (FeatureColumn.MultiValued) sample().column("tags");
    assertThat(tags.vocabulary()).containsExactly("b", "a");
    // dense 0 ← provisional 1 [b, a]; dense 1 ← provisional 2 (unset); dense 2 ← provisional 0 [a]; dense 3 unset.
    assertThat(tags.offsets()).containsExactly(0, 2, 2, 3, 3);
    assertThat(tags.codes()).containsExactly(0, 1, 1);
  }

  @Test
  void numericTimeAndTextMissingValues() {
    FeatureTable table = sample();
    assertThat(((FeatureColumn.Numeric) table.column("price")).values()).containsExactly(7.5f, Float.NaN, Float.NaN,
        Float.NaN);
    assertThat(((FeatureColumn.Time) table.column("published")).values())
        .containsExactly(Long.MIN_VALUE, 1_700_000_000L, Long.MIN_VALUE, Long.MIN_VALUE);
    assertThat(((FeatureColumn.Text) table.column("title")).values()).containsExactly(null, null, "Heat", null);
  }

  @Test
  void aColumnCannotChangeKind() {
    FeatureTable.Builder builder = new FeatureTable.Builder();
    builder.column("price", FeatureKind.NUMERIC);
    assertThatThrownBy(() -> builder.column("price", FeatureKind.CATEGORICAL))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("feature 'price' is num elsewhere, not cat");
  }

  @Test
  void emptyTable() {
    FeatureTable table = FeatureTable.empty(3);
    assertThat(table.rows()).isEqualTo(3);
    assertThat(table.columns()).isEmpty();
  }

  @Test
  void kindsRoundTripThroughTheirCsvSuffixes() {
    for (FeatureKind kind : FeatureKind.values()) {
      assertThat(FeatureKind.fromSuffix(kind.suffix().toUpperCase())).isEqualTo(kind);
    }
    assertThat(FeatureKind.fromSuffix("float")).isNull();
  }
}
