package dev.funnel.server.store.postgres;

import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
              + "value REAL NOT NULL, ts BIGINT NOT NULL, request_id TEXT)");
    } catch (IOException | RuntimeException e) {
      connections.close();
      throw e;
    }
  }

  @Override
  public long append(List<Event> batch) throws IOException {
    checkBatch(batch);
    return connections.inTransaction("appending " + batch.size() + " events to " + table, connection -> {
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
    });
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
  public void replay(long after, Consumer<Event> sink) throws IOException {
    List<Event> page = new ArrayList<>();
    long[] last = {after};
    do {
      page.clear();
      connections.inTransaction("replaying " + table, connection -> {
        try (PreparedStatement query = connection.prepareStatement(
            "SELECT seq, user_id, item_id, type, value, ts, request_id FROM " + table
                + " WHERE seq > ? ORDER BY seq LIMIT " + REPLAY_PAGE)) {
          query.setLong(1, last[0]);
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              last[0] = rows.getLong(1);
              page.add(new Event(rows.getString(2), rows.getString(3), rows.getString(4), rows.getFloat(5),
                  rows.getLong(6), rows.getString(7)));
            }
          }
        }
        return null;
      });
      page.forEach(sink);
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
