package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.store.CatalogueContract;
import dev.funnel.server.store.ItemRecord;
import dev.funnel.server.store.UserRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link CatalogueContract}, and what is particular to the SQLite file: JSON columns, paged id-order scans. */
class SqliteCatalogueTest extends CatalogueContract {

  @TempDir Path dir;

  @Override
  protected SqliteCatalogue open() throws IOException {
    return SqliteCatalogue.open(dir.resolve("catalogue.db"), true);
  }

  private static ItemRecord item(String id) {
    return new ItemRecord(id, List.of(), List.of(), Map.of(), null, false, null);
  }

  /** Lists and maps are JSON text: non-finite numbers and repeated tags must survive it. */
  @Test
  void nonFiniteFeaturesAndRepeatedTagsRoundTrip() throws IOException {
    ItemRecord item = new ItemRecord("i1", List.of("books", "sci-fi"), List.of("b", "a", "b"),
        Map.of("odd", 0.1 + 0.2, "nan", Double.NaN, "inf", Double.POSITIVE_INFINITY,
            "minusInf", Double.NEGATIVE_INFINITY),
        1_700_000_000L, true, 1_800_000_000L);
    try (SqliteCatalogue catalogue = open()) {
      catalogue.putItem(item);
      assertThat(catalogue.item("i1")).contains(item);
    }
  }

  @Test
  void forEachItemVisitsEveryItemOnceInIdOrder() throws IOException {
    List<String> ids = new ArrayList<>();
    try (SqliteCatalogue catalogue = open()) {
      for (int i = 2_499; i >= 0; i--) { // more than a page, inserted out of order
        String id = String.format("item%05d", i);
        catalogue.putItem(item(id));
        ids.add(0, id);
      }
      catalogue.deleteItem("item01000");
      ids.remove("item01000");

      List<String> visited = new ArrayList<>();
      catalogue.forEachItem(item -> visited.add(item.id()));
      assertThat(visited).isEqualTo(ids);
    }
  }

  @Test
  void itemsAndUsersAreSeparateNamespaces() throws IOException {
    try (SqliteCatalogue catalogue = open()) {
      catalogue.putItem(item("x"));
      assertThat(catalogue.putUser(new UserRecord("x", Map.of(), Map.of()))).isTrue();
      assertThat(catalogue.deleteUser("x")).isTrue();
      assertThat(catalogue.item("x")).isPresent();
    }
  }
}
