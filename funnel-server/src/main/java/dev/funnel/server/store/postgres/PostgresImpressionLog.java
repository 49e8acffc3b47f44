package dev.funnel.server.store.postgres;

import dev.funnel.experiment.results.LoggedResponse;
import dev.funnel.server.store.Impression;
import dev.funnel.server.store.ImpressionLog;
import dev.funnel.server.store.LatencyColumn;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Impressions in two PostgreSQL tables: {@code <prefix>impressions} (one row per response) and
 * {@code <prefix>impression_items} (one row per shown item, with whether it was acted on and by which event type).
 * Recording a request id again is a no-op, so a retried write is harmless. Thread-safe.
 */
public final class PostgresImpressionLog implements ImpressionLog {
  private final PostgresConnections connections;
  private final String impressions;
  private final String shown;

  /**
   * Connects, and creates the tables when absent.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
   * @param tablePrefix prefix of the table names (lower-case letters, digits, '_'), e.g. {@code funnel_}
   */
  public PostgresImpressionLog(String jdbcUrl, String user, String password, String tablePrefix)
      throws IOException {
    String prefix = PostgresConnections.checkTablePrefix(tablePrefix);
    this.impressions = prefix + "impressions";
    this.shown = prefix + "impression_items";
    this.connections = new PostgresConnections(jdbcUrl, user, password);
    try {
      // ord breaks ties between impressions of one second in the order they were recorded.
      connections.createSchema(impressions,
          "CREATE TABLE IF NOT EXISTS " + impressions + " ("
              + "request_id TEXT PRIMARY KEY, ord BIGINT GENERATED ALWAYS AS IDENTITY, user_id TEXT NOT NULL, "
              + "ts BIGINT NOT NULL, model TEXT, experiment TEXT, arm TEXT, latency_us BIGINT)",
          // Tables of the first version kept the served model in a column named arm.
          "DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = "
              + "current_schema() AND table_name = '" + impressions + "' AND column_name = 'model') THEN "
              + "ALTER TABLE " + impressions + " RENAME COLUMN arm TO model; ALTER TABLE " + impressions
              + " ADD COLUMN experiment TEXT, ADD COLUMN arm TEXT, ADD COLUMN latency_us BIGINT; END IF; END $$",
          "CREATE INDEX IF NOT EXISTS " + impressions + "_by_time ON " + impressions + " (ts, ord)",
          "CREATE INDEX IF NOT EXISTS " + impressions + "_by_experiment ON " + impressions
              + " (experiment, ts, ord) WHERE experiment IS NOT NULL",
          "CREATE TABLE IF NOT EXISTS " + shown + " ("
              + "request_id TEXT NOT NULL REFERENCES " + impressions + " ON DELETE CASCADE, "
              + "position INT NOT NULL, item_id TEXT NOT NULL, acted_type TEXT, "
              + "PRIMARY KEY (request_id, position))");
    } catch (IOException | RuntimeException e) {
      connections.close();
      throw e;
    }
  }

  @Override
  public void record(Impression impression) throws IOException {
    if (impression.requestId() == null || impression.user() == null || impression.items() == null
        || impression.items().stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("impression lacks a request id, user or item: " + impression);
    }
    connections.inTransaction("recording impression " + impression.requestId(), connection -> {
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO " + impressions + " (request_id, user_id, ts, model, experiment, arm, latency_us) "
              + "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (request_id) DO NOTHING")) {
        insert.setString(1, impression.requestId());
        insert.setString(2, impression.user());
        insert.setLong(3, impression.timestamp());
        insert.setString(4, impression.model());
        insert.setString(5, impression.experiment());
        insert.setString(6, impression.arm());
        LatencyColumn.set(insert, 7, impression.latencyMs());
        if (insert.executeUpdate() == 0) {
          return null;
        }
      }
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO " + shown + " (request_id, position, item_id) VALUES (?, ?, ?)")) {
        List<String> items = impression.items();
        for (int position = 0; position < items.size(); position++) {
          insert.setString(1, impression.requestId());
          insert.setInt(2, position);
          insert.setString(3, items.get(position));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      return null;
    });
  }

  @Override
  public Optional<Impression> find(String requestId) throws IOException {
    return connections.inTransaction("finding impression " + requestId, connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT i.user_id, i.ts, i.model, i.experiment, i.arm, i.latency_us, s.item_id FROM " + impressions + " i LEFT JOIN " + shown
              + " s USING (request_id) WHERE i.request_id = ? ORDER BY s.position")) {
        query.setString(1, requestId);
        try (ResultSet rows = query.executeQuery()) {
          if (!rows.next()) {
            return Optional.empty();
          }
          String user = rows.getString(1);
          long timestamp = rows.getLong(2);
          String model = rows.getString(3);
          String experiment = rows.getString(4);
          String arm = rows.getString(5);
          float latency = LatencyColumn.get(rows, 6);
          List<String> items = new ArrayList<>();
          do {
            String item = rows.getString(7);
            if (item != null) { // the LEFT JOIN's single null row of an impression that showed nothing
              items.add(item);
            }
          } while (rows.next());
          return Optional.of(new Impression(requestId, user, items, timestamp, model, experiment, arm, latency));
        }
      }
    });
  }

  @Override
  public boolean markActed(String requestId, String item, String type) throws IOException {
    return connections.inTransaction("marking " + item + " of impression " + requestId, connection -> {
      try (PreparedStatement update = connection.prepareStatement("UPDATE " + shown
          + " SET acted_type = ? WHERE request_id = ? AND item_id = ? AND acted_type IS NULL")) {
        update.setString(1, type == null ? "" : type); // non-null marks the item as acted on
        update.setString(2, requestId);
        update.setString(3, item);
        return update.executeUpdate() > 0;
      }
    });
  }

  @Override
  public List<Exposure> exposures(long since) throws IOException {
    return connections.inTransaction("reading exposures since " + since, connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT i.request_id, i.user_id, s.item_id, s.position, i.ts, s.acted_type IS NOT NULL FROM "
              + impressions + " i JOIN " + shown + " s USING (request_id) WHERE i.ts >= ? "
              + "ORDER BY i.ts, i.ord, s.position")) {
        query.setLong(1, since);
        List<Exposure> exposures = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            exposures.add(new Exposure(rows.getString(1), rows.getString(2), rows.getString(3), rows.getInt(4),
                rows.getLong(5), rows.getBoolean(6)));
          }
        }
        return exposures;
      }
    });
  }

  @Override
  public void shown(long from, long to, String experiment, Consumer<LoggedResponse> sink) throws IOException {
    connections.inTransaction("reading impressions from " + from + " to " + to, connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT i.request_id, i.user_id, i.experiment, i.arm, i.ts, i.latency_us, "
              + "(SELECT array_agg(s.item_id ORDER BY s.position) FROM " + shown + " s "
              + "WHERE s.request_id = i.request_id) FROM " + impressions + " i WHERE i.ts >= ? AND i.ts < ? "
              + (experiment == null ? "" : "AND i.experiment = ? ") + "ORDER BY i.ts, i.ord")) {
        query.setLong(1, from);
        query.setLong(2, to);
        if (experiment != null) {
          query.setString(3, experiment);
        }
        query.setFetchSize(10_000); // a cursor: rows stream rather than all being held
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            java.sql.Array items = rows.getArray(7);
            sink.accept(new LoggedResponse(rows.getString(1), rows.getString(2), rows.getString(3),
                rows.getString(4), rows.getLong(5), items == null ? List.of() : List.of((String[]) items.getArray()),
                LatencyColumn.get(rows, 6)));
          }
        }
        return null;
      }
    });
  }

  /** {@inheritDoc} The shown items go with their impression (the foreign key cascades). */
  @Override
  public int deleteBefore(long before, Collection<String> keep, int limit) throws IOException {
    return connections.inTransaction("deleting impressions before " + before, connection -> {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + impressions
          + " WHERE request_id IN (SELECT request_id FROM " + impressions + " WHERE ts < ? AND (experiment IS NULL "
          + "OR experiment <> ALL (?)) ORDER BY ts LIMIT " + limit + ")")) {
        delete.setLong(1, before);
        delete.setArray(2, connection.createArrayOf("text", keep.toArray()));
        return delete.executeUpdate();
      }
    });
  }

  @Override
  public void close() {
    connections.close();
  }
}
