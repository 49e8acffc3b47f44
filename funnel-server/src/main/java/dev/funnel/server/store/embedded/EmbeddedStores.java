package dev.funnel.server.store.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The three SQLite stores of one data folder, opened and closed together: {@code events.db}, {@code
 * impressions.db} and {@code catalogue.db}.
 *
 * <p>Why three files rather than one: SQLite lets one writer at a time into a file. Apart, the event log's batches,
 * the impression written for every response and catalogue updates never wait for each other, and each file keeps
 * its own write-ahead log and checkpoints.
 *
 * @param events the event log
 * @param impressions the impression log
 * @param catalogue items and users
 */
public record EmbeddedStores(SqliteEventLog events, SqliteImpressionLog impressions, SqliteCatalogue catalogue)
    implements AutoCloseable {

  /**
   * Opens (creating when missing) the stores in {@code dir}.
   *
   * @param fullSync for events and the catalogue: {@code true} (the recommended default): every acknowledged
   *     write survives a power loss; {@code false} ({@code synchronous=NORMAL}): it survives a crash of the process
   *     only, in exchange for cheaper commits. Impressions always use {@code NORMAL}: one is written per response,
   *     off the request path, and an fsync each would cap serving at a few hundred responses a second; the events
   *     that answer them carry their request id, so nothing that matters is lost with the last few.
   */
  public static EmbeddedStores open(Path dir, boolean fullSync) throws IOException {
    Files.createDirectories(dir);
    SqliteEventLog events = SqliteEventLog.open(dir.resolve("events.db"), fullSync);
    try {
      SqliteImpressionLog impressions = SqliteImpressionLog.open(dir.resolve("impressions.db"), false);
      try {
        return new EmbeddedStores(events, impressions, SqliteCatalogue.open(dir.resolve("catalogue.db"), fullSync));
      } catch (IOException | RuntimeException e) {
        closeAfterFailure(impressions, e);
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      closeAfterFailure(events, e);
      throw e;
    }
  }

  private static void closeAfterFailure(AutoCloseable store, Exception cause) {
    try {
      store.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }

  /** Closes all three, even when one fails to close. */
  @Override
  public void close() throws IOException {
    try (events; impressions; catalogue) {
      // try-with-resources closes them in reverse order and keeps every failure.
    }
  }
}
