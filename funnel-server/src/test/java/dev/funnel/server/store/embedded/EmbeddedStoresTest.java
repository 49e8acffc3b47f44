package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.store.Event;
import dev.funnel.server.store.Impression;
import dev.funnel.server.store.ItemRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedStoresTest {

  @TempDir Path dir;

  @Test
  void storesOpenTogetherInOneFolderAndKeepTheirDataAcrossReopens() throws IOException {
    Path data = dir.resolve("data");
    ItemRecord item = new ItemRecord("i", List.of("c"), List.of(), Map.of(), null, false, null);
    Impression impression = new Impression("r", "u", List.of("i"), 7, null);
    try (EmbeddedStores stores = EmbeddedStores.open(data, true)) {
      stores.events().append(List.of(new Event("u", "i", "view", Float.NaN, 7, "r")));
      stores.impressions().record(impression);
      stores.catalogue().putItem(item);
    }
    assertThat(data.resolve("events.db")).exists();
    assertThat(data.resolve("impressions.db")).exists();
    assertThat(data.resolve("catalogue.db")).exists();

    try (EmbeddedStores stores = EmbeddedStores.open(data, false)) {
      assertThat(stores.events().count()).isEqualTo(1);
      assertThat(stores.impressions().find("r")).contains(impression);
      assertThat(stores.catalogue().item("i")).contains(item);
    }
  }
}
