package dev.funnel.server.store.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import org.sqlite.SQLiteConfig;

/**
 * One SQLite database file of an embedded store: WAL journal, one write connection behind a {@link
 * GroupCommitWriter}, a pool of read connections, and the schema created on first open.
 *
 * <p>The file records which store it belongs to and the schema version, so that opening the wrong file, or a file
 * written by a newer server, fails with a clear message instead of a missing-table error later.
 */
final class SqliteDatabase implements AutoCloseable {

  /** How long a connection waits for a lock held by another connection before failing (milliseconds). */
  static final int BUSY_TIMEOUT_MS = 10_000;

  /**
   * The tables of one store.
   *
   * @param store the store's name, kept in the file
   * @param version the schema version this code writes
   * @param ddl the statements that create the store's tables and indexes in an empty file
   * @param upgrades per older version v (from 1), the statements that turn version v into v + 1, applied in order
   *     and in one transaction when an older file is opened
   */
  record Schema(String store, int version, List<String> ddl, java.util.Map<Integer, List<String>> upgrades) {
    Schema(String store, int version, List<String> ddl) {
      this(store, version, ddl, java.util.Map.of());
    }
  }

  private final String name;
  private final GroupCommitWriter writer;
  private final ReadConnections readers;

  private SqliteDatabase(String name, GroupCommitWriter writer, ReadConnections readers) {
    this.name = name;
    this.writer = writer;
    this.readers = readers;
  }

  /**
   * Opens (creating it and its schema when missing) the database at {@code file}.
   *
   * @param fullSync {@code synchronous=FULL}: a commit survives a power loss; {@code false} gives {@code NORMAL}: a
   *     commit survives a crash of the process but the last commits may be lost when the machine fails
   */
  static SqliteDatabase open(Path file, boolean fullSync, Schema schema) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    Properties settings = settings(fullSync);
    String name = schema.store() + " database " + file;
    Connection write;
    try {
      write = DriverManager.getConnection(url, settings);
    } catch (SQLException e) {
      throw new IOException("cannot open " + name + ": " + e.getMessage(), e);
    }
    try {
      createOrCheckSchema(write, schema, file);
    } catch (SQLException | IOException e) {
      closeAfterFailure(write, e);
      throw e instanceof IOException io ? io : new IOException("cannot set up " + name + ": " + e.getMessage(), e);
    }
    return new SqliteDatabase(name, new GroupCommitWriter(write, name),
        new ReadConnections(() -> DriverManager.getConnection(url, settings), name));
  }

  private static Properties settings(boolean fullSync) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(fullSync ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.setGetGeneratedKeys(false); // nothing reads them; the driver otherwise matches a regex on every insert
    return config.toProperties();
  }

  private static void createOrCheckSchema(Connection connection, Schema schema, Path file)
      throws SQLException, IOException {
    try (Statement s = connection.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (store TEXT NOT NULL, version INTEGER NOT NULL)");
      String store = null;
      int version = 0;
      try (ResultSet rs = s.executeQuery("SELECT store, version FROM schema_version")) {
        if (rs.next()) {
          store = rs.getString(1);
          version = rs.getInt(2);
        }
      }
      if (store != null) {
        if (!store.equals(schema.store()) || version > schema.version() || !upgradable(schema, version)) {
          s.execute("ROLLBACK");
          throw new IOException(file + " holds a " + store + " store of schema version " + version
              + ", expected a " + schema.store() + " store of schema version " + schema.version());
        }
        for (int v = version; v < schema.version(); v++) {
          for (String ddl : schema.upgrades().get(v)) {
            s.execute(ddl);
          }
        }
        s.execute("UPDATE schema_version SET version = " + schema.version());
        s.execute("COMMIT");
        return;
      }
      for (String ddl : schema.ddl()) {
        s.execute(ddl);
      }
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO schema_version (store, version) VALUES (?, ?)")) {
        insert.setString(1, schema.store());
        insert.setInt(2, schema.version());
        insert.executeUpdate();
      }
      s.execute("COMMIT");
    }
  }

  /** Whether every step from {@code version} up to the schema's has its upgrade. */
  private static boolean upgradable(Schema schema, int version) {
    for (int v = version; v < schema.version(); v++) {
      if (!schema.upgrades().containsKey(v)) {
        return false;
      }
    }
    return true;
  }

  private static void closeAfterFailure(Connection connection, Exception cause) {
    try {
      connection.close();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  /** Runs {@code work} in its own all-or-nothing transaction; returns once it is committed (see {@link #open}). */
  <T> T write(SqlWork<T> work) throws IOException {
    return writer.write(work);
  }

  /** Runs {@code work} on a read connection in auto-commit mode. */
  <T> T read(SqlWork<T> work) throws IOException {
    return readers.read(work);
  }

  /** For messages: the store and its file. */
  String name() {
    return name;
  }

  @Override
  public void close() throws IOException {
    readers.close();
    writer.close();
  }
}
