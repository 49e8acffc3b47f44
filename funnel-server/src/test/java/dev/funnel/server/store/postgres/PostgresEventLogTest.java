package dev.funnel.server.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.EventLogContract;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresEventLogTest extends EventLogContract {
  @RegisterExtension final PostgresTestDatabase database = new PostgresTestDatabase();

  @Override
  protected PostgresEventLog open() throws IOException {
    return database.open(PostgresEventLog::new);
  }

  private static Event event(String item) {
    return new Event("u", item, "click", 1, 1, null);
  }

  @Test
  void batchRejectedByTheDatabaseIsRolledBackWhole() throws Exception {
    try (EventLog log = open()) {
      log.append(List.of(event("a")));
      // PostgreSQL text cannot hold NUL, so this event passes the store's checks and fails in the INSERT.
      List<Event> batch = List.of(event("b"), event("c\u0000"), event("d"));

      assertThatThrownBy(() -> log.append(batch)).isInstanceOf(IOException.class).hasMessageContaining("events");
      assertThat(log.count()).isEqualTo(1);
      assertThat(log.append(List.of(event("e")))).isEqualTo(2);
      List<Event> stored = new ArrayList<>();
      log.replay(0, stored::add);
      assertThat(stored).containsExactly(event("a"), event("e"));
    }
  }

  @Test
  void sequenceNumbersAreGaplessFromOne() throws Exception {
    try (EventLog log = open()) {
      assertThat(log.append(List.of())).isZero();
      assertThat(log.append(List.of(event("a"), event("b")))).isEqualTo(2);
      assertThat(log.append(List.of())).isEqualTo(2);
      assertThat(log.append(List.of(event("c")))).isEqualTo(3);
    }
  }

  /** Two server instances on one table: their appends interleave whole, and each sees the other's. */
  @Test
  void instancesSharingATableInterleaveWholeBatches() throws Exception {
    try (EventLog first = open(); EventLog second = open()) {
      long a = first.append(List.of(event("a1"), event("a2")));
      long b = second.append(List.of(event("b1")));
      long c = first.append(List.of(event("a3")));

      assertThat(List.of(a, b, c)).containsExactly(2L, 3L, 4L);
      assertThat(second.count()).isEqualTo(4);
      List<Event> seen = new ArrayList<>();
      second.replay(b, seen::add);
      assertThat(seen).containsExactly(event("a3"));
    }
  }

  @Test
  void rejectsTablePrefixesThatAreNotPlainIdentifiers() {
    assertThatThrownBy(() -> new PostgresEventLog("jdbc:postgresql://127.0.0.1/unused", "u", "p",
        "x; DROP TABLE y; --"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("table prefix");
  }
}
