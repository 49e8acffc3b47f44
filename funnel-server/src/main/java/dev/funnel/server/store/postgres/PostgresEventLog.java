package dev.funnel.server.store.postgres;

import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.SourceAppends;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * The event log in a PostgreSQL table {@code <prefix>events}, shared by every server instance that uses the
 * database. Thread-safe.
 *
 * <p>How sequence numbers stay gapless and in commit order: an append takes a transaction-scoped advisory lock,
 * reads the highest stored sequence number and inserts its events after it, then commits. Appends therefore
 * commit one after another in sequence order, across instances too, so a reader that has seen sequence number s
 * will never later find a smaller one committed behind it (a database sequence would allow that: its numbers are
 * taken before commit and lost on rollback). The lock costs one commit's latency per batch, which batching
 * amortizes. Gaplessness also makes {@link #count} an index lookup rather than a table scan.
 *
 * <p>Durability: each append is one transaction committed with {@code synchronous_commit = on}.
 */
public final class PostgresEventLog implements EventLog {
  /** Events read per query during replay; the connection is not held while the sink runs. */
  private static final int REPLAY_PAGE = 10_000;

  private final PostgresConnections connections;
  private final String table;

  /**
   * Connects, and creates the table when absent.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
   * @param tablePrefix prefix of the table name (lower-case letters, digits, '_'), e.g. {@code funnel_}
   */
  public PostgresEventLog(String jdbcUrl, String user, String password, String tablePrefix) throws IOException {
    this.table = PostgresConnections.checkTablePrefix(tablePrefix) + "events";
    this.connections = new PostgresConnections(jdbcUrl, user, password);
    try {
      connections.createSchema(table,
          "CREATE TABLE IF NOT EXISTS " + table + " ("
              + "seq BIGINT PRIMARY KEY, user_id TEXT NOT NULL, item_id TEXT NOT NULL, type TEXT NOT NULL, "
              + "value REAL NOT NULL, ts BIGINT NOT NULL, request_id TEXT)",
          "CREATE TABLE IF NOT EXISTS " + table + "_keys (key TEXT PRIMARY KEY)",
          "CREATE TABLE IF NOT EXISTS " + table + "_positions (source TEXT PRIMARY KEY, position BIGINT NOT NULL)");
    } catch (IOException | RuntimeException e) {
      connections.close();
      throw e;
    }
  }

  @Override
  public long append(List<Event> batch) throws IOException {
    checkBatch(batch);
    return connections.inTransaction("appending " + batch.size() + " events to " + table,
        connection -> insert(connection, batch));
  }

  @Override
  public Appended appendFrom(List<Event> batch, List<String> keys, String source, long position)
      throws IOException {
    checkBatch(batch);
    SourceAppends.checkKeys(batch, keys);
    return connections.inTransaction("appending " + batch.size() + " events of " + source, connection -> {
      List<Event> fresh;
      try (PreparedStatement seen = connection.prepareStatement(
          "INSERT INTO " + table + "_keys (key) VALUES (?) ON CONFLICT DO NOTHING")) {
        fresh = SourceAppends.fresh(seen, batch, keys);
      }
      long last = insert(connection, fresh);
      try (PreparedStatement store = connection.prepareStatement("INSERT INTO " + table + "_positions "
          + "(source, position) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET position = EXCLUDED.position")) {
        SourceAppends.storePosition(store, source, position);
      }
      return new Appended(fresh, last);
    });
  }

  @Override
  public long position(String source) throws IOException {
    return connections.inTransaction("reading the position of " + source, connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT position FROM " + table + "_positions WHERE source = ?")) {
        query.setString(1, source);
        try (ResultSet rows = query.executeQuery()) {
          return rows.next() ? rows.getLong(1) : -1L;
        }
      }
    });
  }

  /** Appends in the caller's transaction; returns the last sequence number. */
  private long insert(Connection connection, List<Event> batch) throws SQLException {
    if (batch.isEmpty()) {
      return lastSequence(connection);
    }
    PostgresConnections.lock(connection, table);
    long seq = lastSequence(connection);
    try (PreparedStatement insert = connection.prepareStatement(
        "INSERT INTO " + table + " (seq, user_id, item_id, type, value, ts, request_id) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      for (Event event : batch) {
        insert.setLong(1, ++seq);
        insert.setString(2, event.user());
        insert.setString(3, event.item());
        insert.setString(4, event.type());
        insert.setFloat(5, event.value());
        insert.setLong(6, event.timestamp());
        if (event.requestId() == null) {
          insert.setNull(7, Types.VARCHAR);
        } else {
          insert.setString(7, event.requestId());
        }
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return seq;
  }

  /** Rejects missing fields up front, with the event's position, rather than as a constraint violation. */
  private static void checkBatch(List<Event> batch) {
    for (int i = 0; i < batch.size(); i++) {
      Event event = batch.get(i);
      if (event == null || event.user() == null || event.item() == null || event.type() == null) {
        throw new IllegalArgumentException("event " + i + " of the batch lacks a user, item or type: " + event);
      }
    }
  }

  private long lastSequence(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM " + table);
        ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }

  @Override
  public void replaySequenced(long after, SequencedSink sink) throws IOException {
    List<Event> page = new ArrayList<>();
    List<Long> sequences = new ArrayList<>();
    long[] last = {after};
    do {
      page.clear();
      sequences.clear();
      connections.inTransaction("replaying " + table, connection -> {
        try (PreparedStatement query = connection.prepareStatement(
            "SELECT seq, user_id, item_id, type, value, ts, request_id FROM " + table
                + " WHERE seq > ? ORDER BY seq LIMIT " + REPLAY_PAGE)) {
          query.setLong(1, last[0]);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              last[0] = rows.getLong(1);
              sequences.add(last[0]);
              page.add(new Event(rows.getString(2), rows.getString(3), rows.getString(4), rows.getFloat(5),
                  rows.getLong(6), rows.getString(7)));
            }
          }
        }
        return null;
      });
      for (int i = 0; i < page.size(); i++) {
        sink.accept(sequences.get(i), page.get(i));
      }
    } while (page.size() == REPLAY_PAGE);
  }


  /** The highest sequence number, which equals the count because sequence numbers are gapless from 1. */
  @Override
  public long count() throws IOException {
    return connections.inTransaction("counting " + table, this::lastSequence);
  }

  @Override
  public void close() {
    connections.close();
  }
}
