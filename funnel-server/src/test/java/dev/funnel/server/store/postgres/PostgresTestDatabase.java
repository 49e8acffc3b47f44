package dev.funnel.server.store.postgres;

import dev.funnel.server.store.ServiceAssumptions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL database the tests run against ({@code FUNNEL_TEST_POSTGRES_URL}, {@code _USER},
 * {@code _PASSWORD}; {@code .ci/services.sh} starts the default one), as a JUnit extension: before each test it
 * checks the database is reachable (skipping the test, or failing it when services are required), and after it
 * drops the tables of the test's own prefix.
 */
final class PostgresTestDatabase implements BeforeEachCallback, AfterEachCallback {
  private static final String URL =
      ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/funnel_test");
  private static final String USER = ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_USER", "funnel");
  private static final String PASSWORD = ServiceAssumptions.env("FUNNEL_TEST_POSTGRES_PASSWORD", "funnel");

  /** The current test's table prefix: no other test's tables start with it. */
  private String prefix;

  @Override
  public void beforeEach(ExtensionContext context) {
    prefix = null;
    try (Connection connection = connect()) {
      connection.isValid(2);
    } catch (SQLException e) {
      ServiceAssumptions.unavailable("PostgreSQL at " + URL, e);
    }
    prefix = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12) + "_";
  }

  /** Opens a store of the current test's tables. */
  <T> T open(Opener<T> opener) throws IOException {
    return opener.open(URL, USER, PASSWORD, prefix);
  }

  /** The current test's table prefix. */
  String prefix() {
    return prefix;
  }

  /** Runs SQL statements on the test database (to set up tables as an older version left them). */
  void execute(String... sql) throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      for (String s : sql) {
        statement.execute(s);
      }
    }
  }

  /** A store constructor. */
  interface Opener<T> {
    T open(String url, String user, String password, String tablePrefix) throws IOException;
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(URL, USER, PASSWORD);
  }

  /** Drops every table of the test's prefix (nothing when the test was skipped). */
  @Override
  public void afterEach(ExtensionContext context) throws SQLException {
    if (prefix == null) {
      return;
    }
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
