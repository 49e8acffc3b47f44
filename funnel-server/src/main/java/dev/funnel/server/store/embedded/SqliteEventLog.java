package dev.funnel.server.store.embedded;

import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.SourceAppends;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The event log in an SQLite file of its own: table {@code events}, whose {@code AUTOINCREMENT} rowid is the
 * sequence number (increasing, never reused, not necessarily contiguous).
 *
 * <p>Durability: a batch is one transaction, committed in WAL mode. With {@code fullSync} ({@code
 * synchronous=FULL}, the default of {@link EmbeddedStores}) the commit syncs the log to disk before {@link
 * #append} returns, so an acknowledged batch survives a {@code kill -9} and a power loss. Without it ({@code
 * synchronous=NORMAL}) the commit reaches the operating system but is synced only at checkpoints: it survives a
 * crash of the process, not of the machine. Concurrent appends share one sync (see {@link GroupCommitWriter}).
 *
 * <p>The file belongs to one process: {@link #count} is kept in memory from the open onwards. Thread-safe.
 */
public final class SqliteEventLog implements EventLog {

  /** Events read per query while replaying: bounds memory, and no read transaction stays open across sinks. */
  private static final int REPLAY_PAGE = 10_000;

  /** Version 2 adds what a source needs to append exactly once: the keys seen and each source's position. */
  private static final List<String> SOURCES = List.of(
      "CREATE TABLE event_keys (key TEXT PRIMARY KEY) WITHOUT ROWID",
      "CREATE TABLE source_positions (source TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID");
  private static final SqliteDatabase.Schema SCHEMA = new SqliteDatabase.Schema("event log", 2,
      java.util.stream.Stream.concat(java.util.stream.Stream.of("""
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        user TEXT NOT NULL,
        item TEXT NOT NULL,
        type TEXT NOT NULL,
        value REAL,
        ts INTEGER NOT NULL,
        request_id TEXT)"""), SOURCES.stream()).toList(), java.util.Map.of(1, SOURCES));

  private final SqliteDatabase database;
  private final AtomicLong count;

  private SqliteEventLog(SqliteDatabase database, long count) {
    this.database = database;
    this.count = new AtomicLong(count);
  }

  /**
   * Opens (creating when missing) the event log at {@code file}.
   *
   * @param fullSync {@code true}: acknowledged batches survive a power loss; {@code false}: only a process crash
   */
  public static SqliteEventLog open(Path file, boolean fullSync) throws IOException {
    SqliteDatabase database = SqliteDatabase.open(file, fullSync, SCHEMA);
    try {
      long count = database.read(c -> queryLong(c, "SELECT count(*) FROM events"));
      return new SqliteEventLog(database, count);
    } catch (IOException e) {
      database.close();
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>An event with a null user, item or type fails the whole batch with an IOException naming its position. An
   * empty batch writes nothing and returns the last stored sequence number (0 when the log is empty).
   */
  @Override
  public long append(List<Event> batch) throws IOException {
    if (batch.isEmpty()) {
      return database.read(c -> queryLong(c, "SELECT coalesce(max(seq), 0) FROM events"));
    }
    long last = database.write(c -> insert(c, batch));
    count.addAndGet(batch.size());
    return last;
  }

  @Override
  public Appended appendFrom(List<Event> batch, List<String> keys, String source, long position)
      throws IOException {
    SourceAppends.checkKeys(batch, keys);
    Appended appended = database.write(c -> {
      List<Event> fresh;
      try (PreparedStatement seen = c.prepareStatement("INSERT OR IGNORE INTO event_keys (key) VALUES (?)")) {
        fresh = SourceAppends.fresh(seen, batch, keys);
      }
      long last = fresh.isEmpty() ? queryLong(c, "SELECT coalesce(max(seq), 0) FROM events") : insert(c, fresh);
      try (PreparedStatement store = c.prepareStatement("INSERT INTO source_positions (source, position) "
          + "VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET position = excluded.position")) {
        SourceAppends.storePosition(store, source, position);
      }
      return new Appended(fresh, last);
    });
    count.addAndGet(appended.events().size());
    return appended;
  }

  @Override
  public long position(String source) throws IOException {
    return database.read(c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT position FROM source_positions WHERE source = ?")) {
        select.setString(1, source);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? rs.getLong(1) : -1L;
        }
      }
    });
  }

  private static long insert(Connection connection, List<Event> batch) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO events (user, item, type, value, ts, request_id) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (int i = 0; i < batch.size(); i++) {
        Event e = batch.get(i);
        insert.setString(1, e.user());
        insert.setString(2, e.item());
        insert.setString(3, e.type());
        if (Float.isNaN(e.value())) {
          insert.setNull(4, Types.REAL);
        } else {
          insert.setDouble(4, storedValue(e.value()));
        }
        insert.setLong(5, e.timestamp());
        insert.setString(6, e.requestId());
        try {
          insert.executeUpdate();
        } catch (SQLException failure) {
          throw new SQLException("event " + i + " of the batch (" + e + ") is invalid: " + failure.getMessage(),
              failure);
        }
      }
    }
    return queryLong(connection, "SELECT last_insert_rowid()");
  }

  /**
   * The value as written to the REAL column. SQLite stores a real with an integral value as an integer there, which
   * turns -0.0 into 0; -0.0 is therefore written as -{@link Double#MIN_VALUE}, a real that no float widens to and
   * that the read's cast to float rounds back to -0.0.
   */
  private static double storedValue(float value) {
    return value == 0 && Float.floatToRawIntBits(value) != 0 ? -Double.MIN_VALUE : value;
  }

  @Override
  public void replaySequenced(long after, SequencedSink sink) throws IOException {
    List<Event> page = new ArrayList<>(REPLAY_PAGE);
    long[] sequences = new long[REPLAY_PAGE];
    long next = after;
    do {
      page.clear();
      long from = next;
      next = database.read(c -> readPage(c, from, page, sequences));
      // The sink runs outside the query, so a slow sink holds no snapshot that would stop WAL checkpoints.
      for (int i = 0; i < page.size(); i++) {
        sink.accept(sequences[i], page.get(i));
      }
    } while (page.size() == REPLAY_PAGE);
  }

  /**
   * Adds the events after sequence number {@code after} to {@code page}, their numbers to {@code sequences}; returns
   * the last one's number.
   */
  private static long readPage(Connection connection, long after, List<Event> page, long[] sequences)
      throws SQLException {
    long last = after;
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT seq, user, item, type, value, ts, request_id FROM events WHERE seq > ? ORDER BY seq LIMIT ?")) {
      select.setLong(1, after);
      select.setInt(2, REPLAY_PAGE);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          last = rs.getLong(1);
          double value = rs.getDouble(5);
          float stored = rs.wasNull() ? Float.NaN : (float) value;
          sequences[page.size()] = last;
          page.add(new Event(rs.getString(2), rs.getString(3), rs.getString(4), stored, rs.getLong(6),
              rs.getString(7)));
        }
      }
    }
    return last;
  }

  @Override
  public long count() {
    return count.get();
  }

  @Override
  public void close() throws IOException {
    database.close();
  }

  private static long queryLong(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
