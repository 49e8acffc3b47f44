package dev.funnel.server.store.postgres;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Semaphore;
import java.util.regex.Pattern;

/**
 * A tiny connection pool for one store: at most {@value #MAX_CONNECTIONS} connections, opened on demand, each used
 * by one thread at a time and every unit of work run as one transaction. Connections are opened with
 * {@code synchronous_commit = on}, so a commit returns only once the transaction is flushed to the server's WAL,
 * whatever the server's default. A connection that fails is closed rather than reused. Thread-safe.
 */
final class PostgresConnections implements AutoCloseable {
  /** Connections per store: enough for concurrent appends and reads without hogging the server. */
  private static final int MAX_CONNECTIONS = 4;

  private static final Pattern TABLE_PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,40}|");

  /** One unit of work on a connection; the pool commits it, or rolls it back when it throws. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private final String url;
  private final Properties properties = new Properties();
  private final Semaphore permits = new Semaphore(MAX_CONNECTIONS, true);
  private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
  private volatile boolean closed;

  PostgresConnections(String url, String user, String password) {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database): " + url);
    }
    this.url = url;
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    properties.setProperty("ApplicationName", "funnel");
    // Lets the driver send a batch of single-row INSERTs as multi-row INSERTs: one round trip per few hundred rows.
    properties.setProperty("reWriteBatchedInserts", "true");
  }

  /** Checks a table prefix: table names are built from it, so it must be a plain lower-case SQL identifier part. */
  static String checkTablePrefix(String prefix) {
    if (prefix == null || !TABLE_PREFIX.matcher(prefix).matches()) {
      throw new IllegalArgumentException(
          "table prefix must be lower-case letters, digits and '_' (at most 41, not starting with a digit): "
              + prefix);
    }
    return prefix;
  }

  /**
   * Runs {@code ddl} (CREATE … IF NOT EXISTS statements) in one transaction. Concurrent CREATE TABLE IF NOT EXISTS
   * of one table can still fail on the system catalogue's unique index, so instances starting together serialize
   * on an advisory lock named after {@code lockName}.
   */
  void createSchema(String lockName, String... ddl) throws IOException {
    inTransaction("creating tables " + lockName, connection -> {
      lock(connection, "schema:" + lockName);
      try (Statement statement = connection.createStatement()) {
        for (String sql : ddl) {
          statement.execute(sql);
        }
      }
      return null;
    });
  }

  /**
   * Takes a transaction-scoped advisory lock named {@code name}, held until commit or rollback; it serializes the
   * holders across every server instance using the database.
   */
  static void lock(Connection connection, String name) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      statement.setString(1, "funnel:" + name);
      statement.execute();
    }
  }

  /**
   * Runs {@code work} as one transaction and commits it; rolls back and throws when anything fails.
   *
   * @param what what the work does, for the exception message
   */
  <T> T inTransaction(String what, Work<T> work) throws IOException {
    Connection connection = acquire(what);
    boolean healthy = false;
    try {
      T result = work.run(connection);
      connection.commit();
      healthy = true;
      return result;
    } catch (SQLException e) {
      healthy = rollBack(connection, e);
      throw new IOException(what + " in PostgreSQL failed: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      healthy = rollBack(connection, e);
      throw e;
    } finally {
      release(connection, healthy);
    }
  }

  private Connection acquire(String what) throws IOException {
    if (closed) {
      throw new IOException(what + ": the PostgreSQL store is closed");
    }
    try {
      permits.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(what + ": interrupted while waiting for a PostgreSQL connection", e);
    }
    Connection connection = idle.pollFirst();
    if (connection != null) {
      return connection;
    }
    try {
      return open();
    } catch (SQLException e) {
      permits.release();
      throw new IOException(what + ": cannot connect to PostgreSQL at " + url + ": " + e.getMessage(), e);
    }
  }

  private Connection open() throws SQLException {
    Connection connection = DriverManager.getConnection(url, properties);
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET synchronous_commit TO on");
      connection.setAutoCommit(false);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
    return connection;
  }

  /** Rolls back after {@code failure}; returns whether the connection is still fit for reuse. */
  private static boolean rollBack(Connection connection, Throwable failure) {
    try {
      connection.rollback();
      return connection.isValid(2);
    } catch (SQLException e) {
      failure.addSuppressed(e);
      return false;
    }
  }

  private void release(Connection connection, boolean healthy) {
    if (healthy && !closed) {
      idle.addFirst(connection);
    } else {
      closeQuietly(connection);
    }
    permits.release();
    if (closed) {
      drainIdle();
    }
  }

  /** Closes the idle connections now and each busy one when its work ends. */
  @Override
  public void close() {
    closed = true;
    drainIdle();
  }

  private void drainIdle() {
    for (Connection connection; (connection = idle.pollFirst()) != null; ) {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException ignored) {
      // Closing a broken connection has nothing left to release.
    }
  }
}
