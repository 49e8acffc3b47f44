package dev.funnel.server;

import dev.funnel.server.store.Catalogue;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.HistoryStore;
import dev.funnel.server.store.ImpressionLog;
import java.io.IOException;

/**
 * The four stores a server runs on, closed together.
 *
 * @param events the durable event log
 * @param impressions the impression log
 * @param catalogue items and users
 * @param histories users' recent histories
 * @param historyIsDurable whether the histories outlive the process (Redis); if not they are rebuilt at start
 */
public record Stores(EventLog events, ImpressionLog impressions, Catalogue catalogue, HistoryStore histories,
    boolean historyIsDurable) implements AutoCloseable {
  @Override
  public void close() throws IOException {
    IOException first = null;
    for (AutoCloseable store : new AutoCloseable[] {histories, catalogue, impressions, events}) {
      try {
        store.close();
      } catch (Exception e) {
        if (first == null) {
          first = e instanceof IOException io ? io : new IOException(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
