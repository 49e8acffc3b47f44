package dev.funnel.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.store.Impression;
import dev.funnel.server.store.ImpressionLog;
import dev.funnel.server.store.ImpressionLogContract;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresImpressionLogTest extends ImpressionLogContract {
  @RegisterExtension final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected PostgresImpressionLog open() throws IOException {
    return database.open(PostgresImpressionLog::new);
  }

  /** Tables of the first version (the model in a column named arm) are upgraded when opened, rows intact. */
  @Test
  void firstVersionTablesAreUpgraded() throws Exception {
    database.execute("CREATE TABLE " + database.prefix() + "impressions (request_id TEXT PRIMARY KEY, "
        + "ord BIGINT GENERATED ALWAYS AS IDENTITY, user_id TEXT NOT NULL, ts BIGINT NOT NULL, arm TEXT)",
        "CREATE TABLE " + database.prefix() + "impression_items (request_id TEXT NOT NULL REFERENCES "
            + database.prefix() + "impressions ON DELETE CASCADE, position INT NOT NULL, item_id TEXT NOT NULL, "
            + "acted_type TEXT, PRIMARY KEY (request_id, position))",
        "INSERT INTO " + database.prefix() + "impressions (request_id, user_id, ts, arm) VALUES ('old', 'u', 7, 'm-1')",
        "INSERT INTO " + database.prefix() + "impression_items VALUES ('old', 0, 'a', NULL)");
    try (ImpressionLog log = open()) {
      assertThat(log.find("old")).contains(new Impression("old", "u", List.of("a"), 7, "m-1"));
      Impression fresh = new Impression("new", "u", List.of("b"), 8, "m-2", "e", "A", 2f);
      log.record(fresh);
      assertThat(log.find("new")).contains(fresh);
    }
    try (ImpressionLog log = open()) {
      assertThat(log.find("new")).isPresent();
    }
  }

  @Test
  void recordingARequestIdAgainKeepsTheFirst() throws Exception {
    Impression first = new Impression("r", "alice", List.of("a", "b"), 10, null);
    try (ImpressionLog log = open()) {
      log.record(first);
      log.record(new Impression("r", "bob", List.of("c"), 20, "arm"));

      assertThat(log.find("r")).contains(first);
      assertThat(log.exposures(0)).hasSize(2);
    }
  }

  @Test
  void impressionsOfOneSecondComeInRecordOrder() throws Exception {
    try (ImpressionLog log = open()) {
      for (String id : List.of("z", "a", "m")) {
        log.record(new Impression(id, "u", List.of("x"), 5, null));
      }
      assertThat(log.exposures(0)).extracting(ImpressionLog.Exposure::requestId).containsExactly("z", "a", "m");
    }
  }
}
