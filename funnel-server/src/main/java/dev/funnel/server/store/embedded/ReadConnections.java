package dev.funnel.server.store.embedded;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * A pool of read connections to one database, opened on demand and kept for reuse. In WAL mode readers never
 * wait for the writer nor for each other, so concurrent reads each get their own connection. Thread-safe.
 */
final class ReadConnections implements AutoCloseable {

  /** Opens a new connection to the database. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final Opener opener;
  private final String name;
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  ReadConnections(Opener opener, String name) {
    this.opener = opener;
    this.name = name;
  }

  /** Runs {@code work} on a connection of the pool (in auto-commit mode: each statement sees the latest commit). */
  <T> T read(SqlWork<T> work) throws IOException {
    if (closed) {
      throw new IOException(name + " is closed");
    }
    Connection connection = idle.pollFirst();
    try {
      if (connection == null) {
        connection = opener.open();
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw new IOException(name + ": read failed: " + e.getMessage(), e);
    } finally {
      if (connection != null) {
        giveBack(connection);
      }
    }
  }

  private void giveBack(Connection connection) {
    idle.addFirst(connection);
    // close() may have drained the pool before this connection came back.
    if (closed && idle.remove(connection)) {
      closeQuietly(connection);
    }
  }

  @Override
  public void close() {
    closed = true;
    for (Connection c; (c = idle.pollFirst()) != null; ) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      // A read connection holds nothing to lose; the write connection reports real close failures.
    }
  }
}
