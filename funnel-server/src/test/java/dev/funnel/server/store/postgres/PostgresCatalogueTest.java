package dev.funnel.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.store.Catalogue;
import dev.funnel.server.store.CatalogueContract;
import dev.funnel.server.store.ItemRecord;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresCatalogueTest extends CatalogueContract {
  @RegisterExtension final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected PostgresCatalogue open() throws IOException {
    return database.open(PostgresCatalogue::new);
  }

  @Test
  void nonFiniteFeaturesRoundTrip() throws Exception {
    ItemRecord item = new ItemRecord("x", List.of(), List.of(),
        Map.of("nan", Double.NaN, "inf", Double.POSITIVE_INFINITY, "minusInf", Double.NEGATIVE_INFINITY),
        null, false, null);
    try (Catalogue catalogue = open()) {
      catalogue.putItem(item);
      assertThat(catalogue.item("x")).contains(item);
    }
  }

  @Test
  void instancesSharingTablesSeeEachOthersWrites() throws Exception {
    ItemRecord item = new ItemRecord("x", List.of("c"), List.of(), Map.of(), 1L, false, null);
    try (Catalogue first = open(); Catalogue second = open()) {
      assertThat(first.putItem(item)).isTrue();
      assertThat(second.item("x")).contains(item);
      assertThat(second.putItem(item)).isFalse();
      assertThat(second.deleteItem("x")).isTrue();
      assertThat(first.item("x")).isEmpty();
    }
  }
}
