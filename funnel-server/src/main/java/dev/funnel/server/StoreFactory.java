package dev.funnel.server;

import dev.funnel.core.config.ServerSettings;
import dev.funnel.server.store.embedded.EmbeddedStores;
import dev.funnel.server.store.embedded.InMemoryHistoryStore;
import java.io.IOException;
import java.nio.file.Path;

/** Opens the stores the settings choose: embedded (SQLite + memory, the default) or external (PostgreSQL + Redis). */
final class StoreFactory {
  private StoreFactory() {}

  static Stores open(ServerSettings settings, Path dir) throws IOException {
    if (settings.store().equals("embedded")) {
      EmbeddedStores embedded = EmbeddedStores.open(dir, settings.fullSync());
      return new Stores(embedded.events(), embedded.impressions(), embedded.catalogue(),
          new InMemoryHistoryStore(settings.lastN()), false);
    }
    throw new IllegalArgumentException("store 'external' is not available in this build");
  }
}
