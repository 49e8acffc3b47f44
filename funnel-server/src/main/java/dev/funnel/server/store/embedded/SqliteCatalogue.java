package dev.funnel.server.store.embedded;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.server.store.Catalogue;
import dev.funnel.server.store.ItemRecord;
import dev.funnel.server.store.UserRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The catalogue in an SQLite file of its own: tables {@code items} and {@code users}, keyed by external id, with
 * scalar fields in columns and lists and maps as JSON text. Durability as set at {@link #open} (see {@link
 * SqliteEventLog}). Thread-safe.
 */
public final class SqliteCatalogue implements Catalogue {

  /** Items read per query by {@link #forEachItem}: bounds memory, and no read transaction stays open across sinks. */
  private static final int SCAN_PAGE = 1_000;

  private static final SqliteDatabase.Schema SCHEMA = new SqliteDatabase.Schema("catalogue", 1, List.of("""
      CREATE TABLE items (
        id TEXT PRIMARY KEY,
        categories TEXT NOT NULL,
        tags TEXT NOT NULL,
        numeric TEXT NOT NULL,
        publish_time INTEGER,
        hidden INTEGER NOT NULL,
        expires_at INTEGER)""", """
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        categorical TEXT NOT NULL,
        numeric TEXT NOT NULL)"""));

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final TypeReference<Map<String, Double>> NUMBERS = new TypeReference<>() {};
  private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {};

  private static final String ITEM_COLUMNS = "id, categories, tags, numeric, publish_time, hidden, expires_at";

  private final SqliteDatabase database;

  private SqliteCatalogue(SqliteDatabase database) {
    this.database = database;
  }

  /** Opens (creating when missing) the catalogue at {@code file}; {@code fullSync} as for the event log. */
  public static SqliteCatalogue open(Path file, boolean fullSync) throws IOException {
    return new SqliteCatalogue(SqliteDatabase.open(file, fullSync, SCHEMA));
  }

  @Override
  public boolean putItem(ItemRecord item) throws IOException {
    requireId(item.id(), "item");
    Object[] row = {item.id(), json(item.categories()), json(item.tags()), json(item.numeric()), item.publishTime(),
        item.hidden() ? 1 : 0, item.expiresAt()};
    return database.write(c -> upsert(c, "items", ITEM_COLUMNS, row));
  }

  @Override
  public Optional<ItemRecord> item(String id) throws IOException {
    return database.read(c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT " + ITEM_COLUMNS + " FROM items WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next() ? Optional.of(itemOf(rs)) : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean deleteItem(String id) throws IOException {
    return delete("items", id);
  }

  /** Calls {@code sink} for every item, in id order. */
  @Override
  public void forEachItem(Consumer<ItemRecord> sink) throws IOException {
    List<ItemRecord> page = new ArrayList<>(SCAN_PAGE);
    String next = "";
    do {
      page.clear();
      String from = next;
      database.read(c -> readItemPage(c, from, page));
      // The sink runs outside the query, so a slow sink holds no snapshot that would stop WAL checkpoints.
      page.forEach(sink);
      next = page.isEmpty() ? next : page.get(page.size() - 1).id();
    } while (page.size() == SCAN_PAGE);
  }

  private static Void readItemPage(Connection connection, String after, List<ItemRecord> page) throws SQLException {
    try (PreparedStatement select = connection.prepareStatement(
        "SELECT " + ITEM_COLUMNS + " FROM items WHERE id > ? ORDER BY id LIMIT ?")) {
      select.setString(1, after);
      select.setInt(2, SCAN_PAGE);
      try (ResultSet rs = select.executeQuery()) {
        while (rs.next()) {
          page.add(itemOf(rs));
        }
      }
    }
    return null;
  }

  private static ItemRecord itemOf(ResultSet rs) throws SQLException {
    return new ItemRecord(rs.getString(1), parse(rs.getString(2), STRINGS), parse(rs.getString(3), STRINGS),
        parse(rs.getString(4), NUMBERS), nullableLong(rs, 5), rs.getInt(6) != 0, nullableLong(rs, 7));
  }

  @Override
  public boolean putUser(UserRecord user) throws IOException {
    requireId(user.id(), "user");
    Object[] row = {user.id(), json(user.categorical()), json(user.numeric())};
    return database.write(c -> upsert(c, "users", "id, categorical, numeric", row));
  }

  @Override
  public Optional<UserRecord> user(String id) throws IOException {
    return database.read(c -> {
      try (PreparedStatement select = c.prepareStatement("SELECT categorical, numeric FROM users WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet rs = select.executeQuery()) {
          return rs.next()
              ? Optional.of(new UserRecord(id, parse(rs.getString(1), LABELS), parse(rs.getString(2), NUMBERS)))
              : Optional.empty();
        }
      }
    });
  }

  @Override
  public boolean deleteUser(String id) throws IOException {
    return delete("users", id);
  }

  @Override
  public void close() throws IOException {
    database.close();
  }

  /** Inserts the row, or replaces the one with its id (the first column); returns true when it was new. */
  private static boolean upsert(Connection connection, String table, String columns, Object[] row)
      throws SQLException {
    String placeholders = "?" + ", ?".repeat(row.length - 1);
    boolean existed;
    try (PreparedStatement select = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?")) {
      select.setObject(1, row[0]);
      try (ResultSet rs = select.executeQuery()) {
        existed = rs.next();
      }
    }
    try (PreparedStatement replace = connection.prepareStatement(
        "INSERT OR REPLACE INTO " + table + " (" + columns + ") VALUES (" + placeholders + ")")) {
      for (int i = 0; i < row.length; i++) {
        if (row[i] == null) {
          replace.setNull(i + 1, Types.NULL);
        } else {
          replace.setObject(i + 1, row[i]);
        }
      }
      replace.executeUpdate();
    }
    return !existed;
  }

  private boolean delete(String table, String id) throws IOException {
    return database.write(c -> {
      try (PreparedStatement delete = c.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
        delete.setString(1, id);
        return delete.executeUpdate() > 0;
      }
    });
  }

  private static void requireId(String id, String what) {
    if (id == null) {
      throw new IllegalArgumentException(what + " record needs an id");
    }
  }

  private static Long nullableLong(ResultSet rs, int column) throws SQLException {
    long value = rs.getLong(column);
    return rs.wasNull() ? null : value;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("lists and maps of strings and numbers always serialise", e);
    }
  }

  private static <T> T parse(String json, TypeReference<T> type) throws SQLException {
    try {
      return JSON.readValue(json, type);
    } catch (JsonProcessingException e) {
      throw new SQLException("corrupt JSON column in the catalogue: " + json, e);
    }
  }
}
