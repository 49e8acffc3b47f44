package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.server.store.Impression;
import dev.funnel.server.store.ImpressionLog.Exposure;
import dev.funnel.server.store.ImpressionLogContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link ImpressionLogContract}, and what is particular to the SQLite file. */
class SqliteImpressionLogTest extends ImpressionLogContract {

  @TempDir Path dir;

  @Override
  protected SqliteImpressionLog open() throws IOException {
    return SqliteImpressionLog.open(dir.resolve("impressions.db"), true);
  }

  @Test
  void impressionsOfOneSecondComeInRecordOrder() throws IOException {
    try (SqliteImpressionLog log = open()) {
      for (String id : List.of("z", "a", "m")) {
        log.record(new Impression(id, "u", List.of("x"), 5, null));
      }
      assertThat(log.exposures(0)).extracting(Exposure::requestId).containsExactly("z", "a", "m");
    }
  }

  /** A file written by the first version (the model in a column named arm) opens, upgraded, its rows intact. */
  @Test
  void aVersionOneFileIsUpgradedInPlace() throws Exception {
    Path file = dir.resolve("old.db");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
        java.sql.Statement s = c.createStatement()) {
      s.execute("CREATE TABLE schema_version (store TEXT NOT NULL, version INTEGER NOT NULL)");
      s.execute("INSERT INTO schema_version VALUES ('impression log', 1)");
      s.execute("CREATE TABLE impressions (request_id TEXT PRIMARY KEY, user TEXT NOT NULL, ts INTEGER NOT NULL, "
          + "arm TEXT)");
      s.execute("CREATE INDEX impressions_by_time ON impressions (ts)");
      s.execute("CREATE TABLE impression_items (request_id TEXT NOT NULL, position INTEGER NOT NULL, item TEXT NOT "
          + "NULL, acted_type TEXT, PRIMARY KEY (request_id, position)) WITHOUT ROWID");
      s.execute("INSERT INTO impressions VALUES ('old', 'u', 7, 'm-1')");
      s.execute("INSERT INTO impression_items VALUES ('old', 0, 'a', NULL)");
    }
    try (SqliteImpressionLog log = SqliteImpressionLog.open(file, true)) {
      assertThat(log.find("old")).contains(new Impression("old", "u", List.of("a"), 7, "m-1"));
      Impression fresh = new Impression("new", "u", List.of("b"), 8, "m-2", "e", "A", 2f);
      log.record(fresh);
      assertThat(log.find("new")).contains(fresh);
    }
    try (SqliteImpressionLog log = SqliteImpressionLog.open(file, true)) { // opened again: nothing to upgrade
      assertThat(log.find("new")).isPresent();
    }
  }

  @Test
  void anItemShownTwiceIsMarkedAtEveryPosition() throws IOException {
    try (SqliteImpressionLog log = open()) {
      log.record(new Impression("r", "u", List.of("a", "b", "a"), 1, null));
      log.markActed("r", "a", "click");

      assertThat(log.exposures(0)).extracting(Exposure::acted).containsExactly(true, false, true);
    }
  }

  @Test
  void aRepeatedRequestIdFailsAndKeepsTheFirstImpression() throws IOException {
    Impression first = new Impression("r", "u1", List.of("a"), 1, null);
    try (SqliteImpressionLog log = open()) {
      log.record(first);

      assertThatThrownBy(() -> log.record(new Impression("r", "u2", List.of("b", "c"), 2, null)))
          .isInstanceOf(IOException.class);
      assertThat(log.find("r")).contains(first);
    }
  }

  @Test
  void incompleteImpressionsAreRejected() throws IOException {
    try (SqliteImpressionLog log = open()) {
      assertThatThrownBy(() -> log.record(new Impression(null, "u", List.of("a"), 1, null)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("request id");
      assertThatThrownBy(() -> log.record(new Impression("r", "u", Arrays.asList("a", null), 1, null)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(log.exposures(0)).isEmpty();
    }
  }
}
