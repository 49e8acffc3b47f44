package dev.funnel.server.store.embedded;

import dev.funnel.experiment.results.LoggedResponse;
import dev.funnel.server.store.Impression;
import dev.funnel.server.store.ImpressionLog;
import dev.funnel.server.store.LatencyColumn;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Impressions in an SQLite file of their own: {@code impressions} (one row per response, indexed by time) and
 * {@code impression_items} (one row per shown item, keyed by request id and position, so that {@link #markActed}
 * touches one response's few rows). An item keeps the type of the <em>first</em> event that acted on it.
 * Durability as set at {@link #open} (see {@link SqliteEventLog}); concurrent records share one sync.
 * Thread-safe.
 */
public final class SqliteImpressionLog implements ImpressionLog {

  private static final String BY_EXPERIMENT =
      "CREATE INDEX impressions_by_experiment ON impressions (experiment, ts) WHERE experiment IS NOT NULL";
  private static final SqliteDatabase.Schema SCHEMA = new SqliteDatabase.Schema("impression log", 2, List.of("""
      CREATE TABLE impressions (
        request_id TEXT PRIMARY KEY,
        user TEXT NOT NULL,
        ts INTEGER NOT NULL,
        model TEXT,
        experiment TEXT,
        arm TEXT,
        latency_us INTEGER)""",
      "CREATE INDEX impressions_by_time ON impressions (ts)",
      BY_EXPERIMENT, """
      CREATE TABLE impression_items (
        request_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        item TEXT NOT NULL,
        acted_type TEXT,
        PRIMARY KEY (request_id, position)) WITHOUT ROWID"""),
      // Version 1 kept the served model in a column named arm.
      Map.of(1, List.of("ALTER TABLE impressions RENAME COLUMN arm TO model",
          "ALTER TABLE impressions ADD COLUMN experiment TEXT", "ALTER TABLE impressions ADD COLUMN arm TEXT",
          "ALTER TABLE impressions ADD COLUMN latency_us INTEGER", BY_EXPERIMENT)));

  private static final com.fasterxml.jackson.databind.ObjectReader ITEMS =
      new com.fasterxml.jackson.databind.ObjectMapper().readerFor(String[].class);
  private static final com.fasterxml.jackson.databind.ObjectWriter JSON_LIST =
      new com.fasterxml.jackson.databind.ObjectMapper().writer();

  private final SqliteDatabase database;

  private SqliteImpressionLog(SqliteDatabase database) {
    this.database = database;
  }

  /** Opens (creating when missing) the impression log at {@code file}; {@code fullSync} as for the event log. */
  public static SqliteImpressionLog open(Path file, boolean fullSync) throws IOException {
    return new SqliteImpressionLog(SqliteDatabase.open(file, fullSync, SCHEMA));
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when the request id, user or items (or one of them) is null
   * @throws IOException when an impression with this request id exists already, or the write fails
   */
  @Override
  public void record(Impression impression) throws IOException {
    if (impression.requestId() == null || impression.user() == null || impression.items() == null
        || impression.items().stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("impression needs a request id, a user and non-null items: " + impression);
    }
    database.write(c -> insert(c, impression));
  }

  private static Void insert(Connection connection, Impression impression) throws SQLException {
    try (PreparedStatement head = connection.prepareStatement(
        "INSERT INTO impressions (request_id, user, ts, model, experiment, arm, latency_us) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      head.setString(1, impression.requestId());
      head.setString(2, impression.user());
      head.setLong(3, impression.timestamp());
      head.setString(4, impression.model());
      head.setString(5, impression.experiment());
      head.setString(6, impression.arm());
      LatencyColumn.set(head, 7, impression.latencyMs());
      head.executeUpdate();
    }
    try (PreparedStatement item = connection.prepareStatement(
        "INSERT INTO impression_items (request_id, position, item) VALUES (?, ?, ?)")) {
      List<String> items = impression.items();
      for (int position = 0; position < items.size(); position++) {
        item.setString(1, impression.requestId());
        item.setInt(2, position);
        item.setString(3, items.get(position));
        item.executeUpdate();
      }
    }
    return null;
  }

  @Override
  public Optional<Impression> find(String requestId) throws IOException {
    return database.read(c -> {
      try (PreparedStatement select = c.prepareStatement("""
          SELECT i.user, i.ts, i.model, i.experiment, i.arm, i.latency_us, x.item FROM impressions i
          LEFT JOIN impression_items x ON x.request_id = i.request_id
          WHERE i.request_id = ? ORDER BY x.position""")) {
        select.setString(1, requestId);
        try (ResultSet rs = select.executeQuery()) {
          if (!rs.next()) {
            return Optional.empty();
          }
          String user = rs.getString(1);
          long timestamp = rs.getLong(2);
          String model = rs.getString(3);
          String experiment = rs.getString(4);
          String arm = rs.getString(5);
          float latency = LatencyColumn.get(rs, 6);
          List<String> items = new ArrayList<>();
          do {
            String item = rs.getString(7);
            if (item != null) { // the left join's one null row of an impression that showed nothing
              items.add(item);
            }
          } while (rs.next());
          return Optional.of(new Impression(requestId, user, List.copyOf(items), timestamp, model, experiment, arm,
              latency));
        }
      }
    });
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException when {@code type} is null
   */
  @Override
  public boolean markActed(String requestId, String item, String type) throws IOException {
    if (type == null) {
      throw new IllegalArgumentException(
          "markActed needs an event type (request " + requestId + ", item " + item + ")");
    }
    return database.write(c -> {
      try (PreparedStatement update = c.prepareStatement(
          "UPDATE impression_items SET acted_type = ? WHERE request_id = ? AND item = ? AND acted_type IS NULL")) {
        update.setString(1, type);
        update.setString(2, requestId);
        update.setString(3, item);
        return update.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<Exposure> exposures(long since) throws IOException {
    return database.read(c -> {
      try (PreparedStatement select = c.prepareStatement("""
          SELECT i.request_id, i.user, x.item, x.position, i.ts, x.acted_type IS NOT NULL
          FROM impressions i JOIN impression_items x ON x.request_id = i.request_id
          WHERE i.ts >= ? ORDER BY i.ts, i.rowid, x.position""")) {
        select.setLong(1, since);
        List<Exposure> exposures = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            exposures.add(new Exposure(rs.getString(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                rs.getLong(5), rs.getBoolean(6)));
          }
        }
        return exposures;
      }
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>One row per impression, its items gathered into a JSON array by SQLite in the primary key's (position)
   * order — no sort: the JDBC driver's per-row cost dominates a scan, and ten times fewer rows read much faster
   * (BENCHMARKS.md, "Experiments").
   */
  @Override
  public void shown(long from, long to, String experiment, Consumer<LoggedResponse> sink) throws IOException {
    database.read(c -> {
      try (PreparedStatement select = c.prepareStatement("""
          SELECT i.request_id, i.user, i.experiment, i.arm, i.ts, i.latency_us,
            (SELECT json_group_array(item) FROM (SELECT x.item FROM impression_items x
             WHERE x.request_id = i.request_id ORDER BY x.position))
          FROM impressions i WHERE i.ts >= ? AND i.ts < ?"""
          + (experiment == null ? "" : " AND i.experiment = ?") + " ORDER BY i.ts, i.rowid")) {
        select.setLong(1, from);
        select.setLong(2, to);
        if (experiment != null) {
          select.setString(3, experiment);
        }
        select.setFetchSize(10_000);
        try (ResultSet rs = select.executeQuery()) {
          while (rs.next()) {
            sink.accept(new LoggedResponse(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getLong(5), List.of(ITEMS.<String[]>readValue(rs.getString(7))), LatencyColumn.get(rs, 6)));
          }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new SQLException("malformed item list in the impression log: " + e.getMessage(), e);
        }
        return null;
      }
    });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Freed pages are reused by later impressions: the file stops growing rather than shrinking.
   */
  @Override
  public int deleteBefore(long before, Collection<String> keep, int limit) throws IOException {
    String kept = JSON_LIST.writeValueAsString(keep);
    String old = "SELECT request_id FROM impressions WHERE ts < ? AND (experiment IS NULL OR experiment NOT IN "
        + "(SELECT value FROM json_each(?))) ORDER BY ts LIMIT " + limit;
    return database.write(c -> {
      try (PreparedStatement items = c.prepareStatement(
              "DELETE FROM impression_items WHERE request_id IN (" + old + ")");
          PreparedStatement heads = c.prepareStatement("DELETE FROM impressions WHERE request_id IN (" + old + ")")) {
        for (PreparedStatement delete : List.of(items, heads)) {
          delete.setLong(1, before);
          delete.setString(2, kept);
        }
        items.executeUpdate();
        return heads.executeUpdate();
      }
    });
  }

  @Override
  public void close() throws IOException {
    database.close();
  }
}
