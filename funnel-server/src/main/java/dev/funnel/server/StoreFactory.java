package dev.funnel.server;

import dev.funnel.core.config.ServerSettings;
import dev.funnel.server.store.embedded.EmbeddedStores;
import dev.funnel.server.store.embedded.InMemoryHistoryStore;
import dev.funnel.server.store.postgres.PostgresCatalogue;
import dev.funnel.server.store.postgres.PostgresEventLog;
import dev.funnel.server.store.postgres.PostgresImpressionLog;
import dev.funnel.server.store.redis.RedisHistoryStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * Opens the stores the settings choose: {@code embedded} (SQLite files under the server's directory, histories in
 * memory; the default) or {@code external} (PostgreSQL for events, impressions and the catalogue, Redis for the
 * histories, shared by every server instance that points at them).
 */
final class StoreFactory {
  private StoreFactory() {}

  static Stores open(ServerSettings settings, Path dir) throws IOException {
    if (settings.store().equals("embedded")) {
      EmbeddedStores embedded = EmbeddedStores.open(dir, settings.fullSync());
      return new Stores(embedded.events(), embedded.impressions(), embedded.catalogue(),
          new InMemoryHistoryStore(settings.lastN()), false);
    }
    if (settings.postgresUrl() == null || settings.redisUrl() == null) {
      throw new IllegalArgumentException("store: external needs server.postgresUrl and server.redisUrl");
    }
    String url = settings.postgresUrl();
    String user = settings.postgresUser();
    String password = settings.postgresPassword();
    PostgresEventLog events = new PostgresEventLog(url, user, password, settings.storePrefix());
    PostgresImpressionLog impressions = new PostgresImpressionLog(url, user, password, settings.storePrefix());
    PostgresCatalogue catalogue = new PostgresCatalogue(url, user, password, settings.storePrefix());
    RedisHistoryStore histories = new RedisHistoryStore(URI.create(settings.redisUrl()), settings.storePrefix(), settings.lastN());
    return new Stores(events, impressions, catalogue, histories, true);
  }
}
