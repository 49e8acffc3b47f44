package dev.funnel.server;

import dev.funnel.server.config.StoreSettings;
import dev.funnel.server.store.embedded.EmbeddedStores;
import dev.funnel.server.store.embedded.InMemoryHistoryStore;
import dev.funnel.server.store.postgres.PostgresCatalogue;
import dev.funnel.server.store.postgres.PostgresEventLog;
import dev.funnel.server.store.postgres.PostgresImpressionLog;
import dev.funnel.server.store.redis.RedisHistoryStore;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Opens the stores the settings choose: {@code embedded} (SQLite files under the server's directory, histories in
 * memory; the default) or {@code external} (PostgreSQL for events, impressions and the catalogue, Redis for the
 * histories, shared by every server instance that points at them).
 */
public final class StoreFactory {
  private StoreFactory() {}

  /** @param lastN recent items kept per user */
  public static Stores open(StoreSettings settings, int lastN, Path dir) throws IOException {
    if (!settings.external()) {
      EmbeddedStores embedded = EmbeddedStores.open(dir, settings.fullSync());
      return new Stores(embedded.events(), embedded.impressions(), embedded.catalogue(),
          new InMemoryHistoryStore(lastN), false);
    }
    String url = settings.postgresUrl();
    String user = settings.postgresUser();
    String password = settings.postgresPassword();
    PostgresEventLog events = new PostgresEventLog(url, user, password, settings.prefix());
    PostgresImpressionLog impressions = new PostgresImpressionLog(url, user, password, settings.prefix());
    PostgresCatalogue catalogue = new PostgresCatalogue(url, user, password, settings.prefix());
    RedisHistoryStore histories = new RedisHistoryStore(URI.create(settings.redisUrl()), settings.prefix(), lastN,
        Duration.ofDays(settings.historyTtlDays()));
    return new Stores(events, impressions, catalogue, histories, true);
  }
}
