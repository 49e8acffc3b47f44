package dev.funnel.server.serving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.server.store.Impression;
import dev.funnel.server.store.ItemRecord;
import dev.funnel.server.store.embedded.EmbeddedStores;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The impression log as the server's ranker training reads it, from a real (embedded) store. */
class TrainingDataTest {
  @TempDir Path dir;

  @Test
  void shownItemsAreTheImpressionsNotActedOnInTheDatasetsIds() throws Exception {
    try (EmbeddedStores stores = EmbeddedStores.open(dir, false)) {
      // Three responses to u1 (at 100, 200, 300) and one to u2; u1 clicked b in the second; "ghost" is unknown.
      stores.impressions().record(new Impression("r1", "u1", List.of("a", "b"), 100, null));
      stores.impressions().record(new Impression("r2", "u1", List.of("b", "c", "ghost"), 200, null));
      stores.impressions().record(new Impression("r3", "u1", List.of("a"), 300, null));
      stores.impressions().record(new Impression("r4", "u2", List.of("c"), 250, null));
      stores.impressions().markActed("r2", "b", "click");
      TrainingData training = new TrainingData(null, stores.events(), stores.catalogue(), stores.impressions(),
          FeedbackConfig.DEFAULT);
      Dataset data = dataset();

      ShownItems shown = training.shownNotActed(data, 150);
      int u1 = data.users().denseId("u1");
      int u2 = data.users().denseId("u2");
      assertThat(ids(data, shown.shownNotActed(u1, 0))).containsExactly("c", "a"); // r1 is before 150; b acted
      assertThat(ids(data, shown.shownNotActed(u1, 250))).containsExactly("a");
      assertThat(ids(data, shown.shownNotActed(u2, 0))).containsExactly("c");
      assertThat(ids(data, training.shownNotActed(data, 0).shownNotActed(u1, 0))).containsExactly("a", "b", "c", "a");
    }
  }

  @Test
  void itemsCarryTheirCategoriesTheCataloguesOverTheBaseDatas() throws Exception {
    DatasetBuilder base = new DatasetBuilder();
    FeatureTable.ColumnBuilder genres = base.itemFeatures().column("genres", FeatureKind.MULTI_VALUED);
    genres.setMultiValued(base.item("a"), List.of("drama", "war"));
    genres.setMultiValued(base.item("b"), List.of("comedy"));
    base.addEvent("u1", "a", 1, false, 10);
    base.addEvent("u1", "b", 1, false, 20);
    try (EmbeddedStores stores = EmbeddedStores.open(dir, false)) {
      stores.catalogue().putItem(new ItemRecord("b", List.of("animation"), List.of(), Map.of(), null, false, null));
      stores.catalogue().putItem(new ItemRecord("c", List.of("news", "sport"), List.of(), Map.of(), null, false, null));
      Dataset data = new TrainingData(base.build("base", "", 0), stores.events(), stores.catalogue(),
          stores.impressions(), FeedbackConfig.DEFAULT).assemble();

      FeatureColumn.MultiValued column = (FeatureColumn.MultiValued) data.itemFeatures().column("categories");
      assertThat(names(data, column, "a")).containsExactly("drama", "war");
      assertThat(names(data, column, "b")).containsExactly("animation");
      assertThat(names(data, column, "c")).containsExactly("news", "sport");
      assertThat(data.items().size()).isEqualTo(3);
    }
  }

  @Test
  void theBaseDatasSideFeaturesComeAlongAndNewIdsHaveThemMissing() throws Exception {
    DatasetBuilder base = new DatasetBuilder();
    base.itemFeatures().column("price", FeatureKind.NUMERIC).setNumeric(base.item("a"), 9.5f);
    base.itemFeatures().column("brand", FeatureKind.CATEGORICAL).setCategorical(base.item("b"), "acme");
    base.itemFeatures().column("title", FeatureKind.TEXT).setText(base.item("a"), "A");
    base.userFeatures().column("age", FeatureKind.NUMERIC).setNumeric(base.user("u1"), 31);
    base.userFeatures().column("joined", FeatureKind.TIME).setTime(base.user("u2"), 1_000);
    base.addEvent("u1", "a", 1, false, 10);
    base.addEvent("u2", "b", 1, false, 20);
    try (EmbeddedStores stores = EmbeddedStores.open(dir, false)) {
      stores.catalogue().putItem(new ItemRecord("c", List.of(), List.of(), Map.of(), null, false, null));
      stores.events().append(List.of(new dev.funnel.server.store.Event("u3", "c", "view", Float.NaN, 30, null)));
      Dataset data = new TrainingData(base.build("base", "", 0), stores.events(), stores.catalogue(),
          stores.impressions(), FeedbackConfig.DEFAULT).assemble();

      float[] price = ((FeatureColumn.Numeric) data.itemFeatures().column("price")).values();
      assertThat(price[data.items().denseId("a")]).isEqualTo(9.5f);
      assertThat(price[data.items().denseId("b")]).isNaN();
      assertThat(price[data.items().denseId("c")]).isNaN();
      FeatureColumn.Categorical brand = (FeatureColumn.Categorical) data.itemFeatures().column("brand");
      assertThat(brand.value(data.items().denseId("b"))).isEqualTo("acme");
      assertThat(brand.value(data.items().denseId("a"))).isNull();
      assertThat(data.itemFeatures().column("title")).as("text is never model input").isNull();
      float[] age = ((FeatureColumn.Numeric) data.userFeatures().column("age")).values();
      assertThat(age[data.users().denseId("u1")]).isEqualTo(31f);
      assertThat(age[data.users().denseId("u3")]).isNaN();
      long[] joined = ((FeatureColumn.Time) data.userFeatures().column("joined")).values();
      assertThat(joined[data.users().denseId("u2")]).isEqualTo(1_000L);
      assertThat(joined[data.users().denseId("u1")]).isEqualTo(Long.MIN_VALUE);
    }
  }

  private static List<String> names(Dataset data, FeatureColumn.MultiValued column, String item) {
    int row = data.items().denseId(item);
    return java.util.Arrays.stream(column.codes(), column.offsets()[row], column.offsets()[row + 1])
        .mapToObj(code -> column.vocabulary()[code]).toList();
  }

  private static Dataset dataset() {
    DatasetBuilder builder = new DatasetBuilder();
    for (String item : List.of("a", "b", "c")) {
      builder.item(item);
    }
    builder.addEvent("u1", "a", 1, false, 10);
    builder.addEvent("u2", "b", 1, false, 20);
    return builder.build("test", "", 0);
  }

  private static List<String> ids(Dataset data, int[] items) {
    return java.util.Arrays.stream(items).mapToObj(i -> data.items().externalId(i)).toList();
  }
}
