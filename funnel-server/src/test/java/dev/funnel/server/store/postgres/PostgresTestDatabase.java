package dev.funnel.server.store.postgres;

import dev.funnel.server.store.ServiceAssumptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The PostgreSQL database the tests run against ({@code FUNNEL_TEST_POSTGRES_URL}, {@code _USER},
 * {@code _PASSWORD}; {@code .ci/services.sh} starts the default one), and a table prefix of one's own per test.
 */
final class PostgresTestDatabase implements AutoCloseable {
  static final String URL =
      ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/funnel_test");
  static final String USER = ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_USER", "funnel");
  static final String PASSWORD = ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_PASSWORD", "funnel");

  /** This test's table prefix: no other test's tables start with it. */
  final String prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";

  private PostgresTestDatabase() {}

  /** Checks the database is reachable; skips the test (or fails it, when services are required) otherwise. */
  static PostgresTestDatabase connectOrSkip() {
    try (Connection connection = connect()) {
      connection.isValid(2);
    } catch (SQLException e) {
      ServiceAssumptions.unavailable("PostgreSQL at " + URL, e);
    }
    return new PostgresTestDatabase();
  }

  static Connection connect() throws SQLException {
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  /** Drops every table of this test's prefix. */
  @Override
  public void close() throws SQLException {
    try (Connection connection = connect()) {
      List<String> tables = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(
          "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
              + "AND starts_with(table_name, ?)")) {
        query.setString(1, prefix);
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            tables.add(rows.getString(1));
          }
        }
      }
      if (!tables.isEmpty()) {
        try (Statement drop = connection.createStatement()) {
          drop.execute("DROP TABLE IF EXISTS " + String.join(", ", tables) + " CASCADE");
        }
      }
    }
  }
}
