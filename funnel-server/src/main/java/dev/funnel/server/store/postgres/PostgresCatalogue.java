package dev.funnel.server.store.postgres;

import dev.funnel.server.store.Catalogue;
import dev.funnel.server.store.ItemRecord;
import dev.funnel.server.store.UserRecord;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Items and users in PostgreSQL tables {@code <prefix>items} and {@code <prefix>users}, their lists and maps as
 * JSON text ({@link JsonColumns}). Every write is one committed transaction. Thread-safe.
 */
public final class PostgresCatalogue implements Catalogue {
  /** Items read per query by {@link #forEachItem}; the connection is not held while the sink runs. */
  private static final int ITEM_PAGE = 1000;

  private static final String ITEM_COLUMNS = "id, categories, tags, numeric, publish_time, hidden, expires_at";

  private final PostgresConnections connections;
  private final String items;
  private final String users;

  /**
   * Connects, and creates the tables when absent.
   *
   * @param jdbcUrl {@code jdbc:postgresql://host:port/database}
   * @param tablePrefix prefix of the table names (lower-case letters, digits, '_'), e.g. {@code funnel_}
   */
  public PostgresCatalogue(String jdbcUrl, String user, String password, String tablePrefix) throws IOException {
    String prefix = PostgresConnections.checkTablePrefix(tablePrefix);
    this.items = prefix + "items";
    this.users = prefix + "users";
    this.connections = new PostgresConnections(jdbcUrl, user, password);
    try {
      connections.createSchema(items,
          "CREATE TABLE IF NOT EXISTS " + items + " (id TEXT PRIMARY KEY, categories TEXT NOT NULL, "
              + "tags TEXT NOT NULL, numeric TEXT NOT NULL, publish_time BIGINT, hidden BOOLEAN NOT NULL, "
              + "expires_at BIGINT)",
          "CREATE TABLE IF NOT EXISTS " + users + " (id TEXT PRIMARY KEY, categorical TEXT NOT NULL, "
              + "numeric TEXT NOT NULL)");
    } catch (IOException | RuntimeException e) {
      connections.close();
      throw e;
    }
  }

  @Override
  public boolean putItem(ItemRecord item) throws IOException {
    requireId(item.id(), "item");
    return connections.inTransaction("storing item " + item.id(), connection -> {
      // xmax is 0 on a freshly inserted row version and set on one that replaced another: the one-statement way
      // to tell an insert from an update in an upsert.
      try (PreparedStatement upsert = connection.prepareStatement(
          "INSERT INTO " + items + " (" + ITEM_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
              + "ON CONFLICT (id) DO UPDATE SET categories = EXCLUDED.categories, tags = EXCLUDED.tags, "
              + "numeric = EXCLUDED.numeric, publish_time = EXCLUDED.publish_time, hidden = EXCLUDED.hidden, "
              + "expires_at = EXCLUDED.expires_at RETURNING xmax = 0")) {
        upsert.setString(1, item.id());
        upsert.setString(2, JsonColumns.write(item.categories()));
        upsert.setString(3, JsonColumns.write(item.tags()));
        upsert.setString(4, JsonColumns.write(item.numeric()));
        upsert.setObject(5, item.publishTime(), Types.BIGINT);
        upsert.setBoolean(6, item.hidden());
        upsert.setObject(7, item.expiresAt(), Types.BIGINT);
        return insertedFlag(upsert);
      }
    });
  }

  @Override
  public Optional<ItemRecord> item(String id) throws IOException {
    return connections.inTransaction("reading item " + id, connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT " + ITEM_COLUMNS + " FROM " + items + " WHERE id = ?")) {
        query.setString(1, id);
        try (ResultSet rows = query.executeQuery()) {
          return rows.next() ? Optional.of(itemOf(rows)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean deleteItem(String id) throws IOException {
    return delete(items, id);
  }

  /** Pages through the items in id order, so that the table is never read into memory at once. */
  @Override
  public void forEachItem(Consumer<ItemRecord> sink) throws IOException {
    List<ItemRecord> page = new ArrayList<>();
    String[] lastId = {null};
    do {
      page.clear();
      connections.inTransaction("reading items of " + items, connection -> {
        String after = lastId[0] == null ? "" : " WHERE id > ?";
        try (PreparedStatement query = connection.prepareStatement(
            "SELECT " + ITEM_COLUMNS + " FROM " + items + after + " ORDER BY id LIMIT " + ITEM_PAGE)) {
          if (lastId[0] != null) {
            query.setString(1, lastId[0]);
          }
          try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              page.add(itemOf(rows));
            }
          }
        }
        return null;
      });
      if (!page.isEmpty()) {
        lastId[0] = page.get(page.size() - 1).id();
      }
      page.forEach(sink);
    } while (page.size() == ITEM_PAGE);
  }

  @Override
  public boolean putUser(UserRecord user) throws IOException {
    requireId(user.id(), "user");
    return connections.inTransaction("storing user " + user.id(), connection -> {
      try (PreparedStatement upsert = connection.prepareStatement(
          "INSERT INTO " + users + " (id, categorical, numeric) VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
              + "categorical = EXCLUDED.categorical, numeric = EXCLUDED.numeric RETURNING xmax = 0")) {
        upsert.setString(1, user.id());
        upsert.setString(2, JsonColumns.write(user.categorical()));
        upsert.setString(3, JsonColumns.write(user.numeric()));
        return insertedFlag(upsert);
      }
    });
  }

  @Override
  public Optional<UserRecord> user(String id) throws IOException {
    return connections.inTransaction("reading user " + id, connection -> {
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT categorical, numeric FROM " + users + " WHERE id = ?")) {
        query.setString(1, id);
        try (ResultSet rows = query.executeQuery()) {
          return rows.next()
              ? Optional.of(new UserRecord(id, JsonColumns.stringMap(rows.getString(1)),
                  JsonColumns.numberMap(rows.getString(2))))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean deleteUser(String id) throws IOException {
    return delete(users, id);
  }

  private boolean delete(String table, String id) throws IOException {
    return connections.inTransaction("deleting " + id + " from " + table, connection -> {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
        delete.setString(1, id);
        return delete.executeUpdate() > 0;
      }
    });
  }

  private static void requireId(String id, String what) {
    if (id == null) {
      throw new IllegalArgumentException(what + " without an id");
    }
  }

  private static boolean insertedFlag(PreparedStatement upsert) throws SQLException {
    try (ResultSet rows = upsert.executeQuery()) {
      rows.next();
      return rows.getBoolean(1);
    }
  }

  private static ItemRecord itemOf(ResultSet rows) throws SQLException {
    return new ItemRecord(rows.getString(1), JsonColumns.strings(rows.getString(2)),
        JsonColumns.strings(rows.getString(3)), JsonColumns.numberMap(rows.getString(4)),
        rows.getObject(5, Long.class), rows.getBoolean(6), rows.getObject(7, Long.class));
  }

  @Override
  public void close() {
    connections.close();
  }
}
