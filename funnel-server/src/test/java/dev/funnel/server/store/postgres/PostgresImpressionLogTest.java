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
