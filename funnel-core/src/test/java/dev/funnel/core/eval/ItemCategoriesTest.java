package dev.funnel.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import java.util.List;
import org.junit.jupiter.api.Test;

class ItemCategoriesTest {
  private static final int[] IDENTITY = {0, 1, 2, 3};

  /**
   * Four items with a numeric price, then a categorical kind, then multi-valued tags:
   * item 0: film, {drama, war} (drama given twice); item 1: series, {war, comedy}; item 2: film, {comedy};
   * item 3: no kind, no tags.
   */
  private static FeatureTable catalogue() {
    FeatureTable.Builder table = new FeatureTable.Builder();
    table.column("price", FeatureKind.NUMERIC).setNumeric(0, 9.5f);
    FeatureTable.ColumnBuilder kind = table.column("kind", FeatureKind.CATEGORICAL);
    kind.setCategorical(0, "film");
    kind.setCategorical(1, "series");
    kind.setCategorical(2, "film");
    FeatureTable.ColumnBuilder tags = table.column("tags", FeatureKind.MULTI_VALUED);
    tags.setMultiValued(0, List.of("drama", "war", "drama"));
    tags.setMultiValued(1, List.of("war", "comedy"));
    tags.setMultiValued(2, List.of("comedy"));
    return table.build(IDENTITY, 4);
  }

  @Test
  void defaultIsTheFirstMultiValuedColumnEvenAfterACategoricalOne() {
    ItemCategories tags = ItemCategories.select(catalogue(), null);
    assertThat(tags.column()).isEqualTo("tags");
    assertThat(tags.categoriesInUse()).isEqualTo(3);
  }

  @Test
  void defaultFallsBackToTheFirstCategoricalColumn() {
    FeatureTable.Builder table = new FeatureTable.Builder();
    table.column("price", FeatureKind.NUMERIC).setNumeric(0, 1f);
    table.column("brand", FeatureKind.CATEGORICAL).setCategorical(0, "acme");
    table.column("maker", FeatureKind.CATEGORICAL).setCategorical(1, "other");
    assertThat(ItemCategories.select(table.build(new int[] {0, 1}, 2), null).column()).isEqualTo("brand");
  }

  @Test
  void noCategoryColumnGivesNoCategories() {
    FeatureTable.Builder table = new FeatureTable.Builder();
    table.column("price", FeatureKind.NUMERIC).setNumeric(0, 1f);
    table.column("title", FeatureKind.TEXT).setText(0, "A");
    assertThat(ItemCategories.select(table.build(new int[] {0}, 1), null)).isNull();
    assertThat(ItemCategories.select(FeatureTable.empty(3), null)).isNull();
  }

  @Test
  void jaccardOfMultiValuedSetsIgnoresRepeatsAndTreatsTwoEmptySetsAsEqual() {
    ItemCategories tags = ItemCategories.select(catalogue(), "tags");
    // {drama, war} vs {war, comedy}: 1 common of 3 (it would be 1 of 4 had the repeated drama counted).
    assertThat(tags.jaccard(0, 1)).isEqualTo(1.0 / 3);
    assertThat(tags.jaccard(1, 0)).isEqualTo(1.0 / 3);
    assertThat(tags.jaccard(0, 2)).isZero();
    assertThat(tags.jaccard(1, 2)).isEqualTo(0.5);
    assertThat(tags.jaccard(0, 0)).isEqualTo(1);
    assertThat(tags.jaccard(3, 3)).isEqualTo(1);
    assertThat(tags.jaccard(3, 2)).isZero();
  }

  @Test
  void categoricalColumnGivesAtMostOneCategoryPerItem() {
    ItemCategories kind = ItemCategories.select(catalogue(), "kind");
    assertThat(kind.column()).isEqualTo("kind");
    assertThat(kind.categoriesInUse()).isEqualTo(2);
    assertThat(kind.jaccard(0, 2)).isEqualTo(1);
    assertThat(kind.jaccard(0, 1)).isZero();
    assertThat(kind.jaccard(0, 3)).isZero();
    assertThat(kind.jaccard(3, 3)).isEqualTo(1);
  }

  @Test
  void categoriesInUseIgnoresVocabularyValuesNoItemKeeps() {
    FeatureTable.Builder table = new FeatureTable.Builder();
    FeatureTable.ColumnBuilder kind = table.column("kind", FeatureKind.CATEGORICAL);
    kind.setCategorical(0, "draft");
    kind.setCategorical(0, "film"); // replaces draft, which stays in the vocabulary
    kind.setCategorical(1, "film");
    ItemCategories categories = ItemCategories.select(table.build(new int[] {0, 1}, 2), null);
    assertThat(categories.vocabularySize()).isEqualTo(2);
    assertThat(categories.categoriesInUse()).isEqualTo(1);
  }

  @Test
  void namedColumnMustExistAndHoldCategories() {
    assertThatThrownBy(() -> ItemCategories.select(catalogue(), "genre"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'genre' does not exist").hasMessageContaining("[kind, tags]");
    assertThatThrownBy(() -> ItemCategories.select(catalogue(), "price"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'price' is num").hasMessageContaining("[kind, tags]");
  }
}
