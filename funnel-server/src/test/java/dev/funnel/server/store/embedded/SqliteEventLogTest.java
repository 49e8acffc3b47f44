package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.server.store.Event;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteEventLogTest {

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("events.db");
  }

  private static Event event(String user, String item, int ts) {
    return new Event(user, item, "view", Float.NaN, ts, null);
  }

  private static List<Event> replayAll(SqliteEventLog log, long after) throws IOException {
    List<Event> events = new ArrayList<>();
    log.replay(after, events::add);
    return events;
  }

  @Test
  void appendedEventsReplayInOrderWithEveryField() throws IOException {
    List<Event> first = List.of(
        new Event("u1", "i1", "rating", 4.5f, 100, "req-1"),
        new Event("u2", "i2", "view", Float.NaN, 101, null));
    List<Event> second = List.of(new Event("u1", "i3", "purchase", 0.1f, -5, "req-2"));
    try (SqliteEventLog log = SqliteEventLog.open(file(), true)) {
      long afterFirst = log.append(first);
      long afterSecond = log.append(second);

      assertThat(afterFirst).isEqualTo(2);
      assertThat(afterSecond).isEqualTo(3);
      assertThat(log.count()).isEqualTo(3);
      List<Event> all = new ArrayList<>(first);
      all.addAll(second);
      assertThat(replayAll(log, 0)).isEqualTo(all);
      assertThat(replayAll(log, afterFirst)).isEqualTo(second);
      assertThat(replayAll(log, afterSecond)).isEmpty();
    }
  }

  @Test
  void sequenceNumbersIncreaseAcrossBatchesAndReopens() throws IOException {
    List<Long> acknowledged = new ArrayList<>();
    for (int open = 0; open < 3; open++) {
      try (SqliteEventLog log = SqliteEventLog.open(file(), false)) {
        for (int b = 1; b <= 4; b++) {
          acknowledged.add(log.append(Collections.nCopies(b, event("u", "i", b))));
        }
      }
    }
    assertThat(acknowledged).isSorted().doesNotHaveDuplicates();
    assertThat(acknowledged.get(0)).isEqualTo(1);
  }

  @Test
  void replayStreamsPastItsPageSize() throws IOException {
    int n = 25_001;
    List<Event> batch = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      batch.add(event("u" + i, "i" + i, i));
    }
    try (SqliteEventLog log = SqliteEventLog.open(file(), false)) {
      log.append(batch.subList(0, 12_345));
      log.append(batch.subList(12_345, n));

      assertThat(replayAll(log, 0)).isEqualTo(batch);
      assertThat(replayAll(log, 10_000)).isEqualTo(batch.subList(10_000, n));
    }
  }

  @Test
  void batchWithAnInvalidEventStoresNothing() throws IOException {
    try (SqliteEventLog log = SqliteEventLog.open(file(), true)) {
      log.append(List.of(event("u0", "i0", 0)));
      List<Event> broken = List.of(event("u1", "i1", 1), event("u2", "i2", 2), event(null, "i3", 3),
          event("u4", "i4", 4));

      assertThatThrownBy(() -> log.append(broken)).isInstanceOf(IOException.class)
          .hasMessageContaining("event 2 of the batch").hasMessageContaining("user");
      assertThat(log.count()).isEqualTo(1);
      assertThat(replayAll(log, 0)).containsExactly(event("u0", "i0", 0));

      long next = log.append(List.of(event("u5", "i5", 5)));
      assertThat(next).isGreaterThan(1);
      assertThat(replayAll(log, 0)).containsExactly(event("u0", "i0", 0), event("u5", "i5", 5));
    }
  }

  @Test
  void eventsSurviveCloseAndReopen() throws IOException {
    List<Event> batch = List.of(event("u1", "i1", 1), new Event("u2", "i2", "rating", 3f, 2, "r"));
    try (SqliteEventLog log = SqliteEventLog.open(file(), true)) {
      log.append(batch);
    }
    try (SqliteEventLog log = SqliteEventLog.open(file(), true)) {
      assertThat(log.count()).isEqualTo(2);
      assertThat(replayAll(log, 0)).isEqualTo(batch);
    }
  }

  @Test
  void emptyBatchWritesNothingAndReturnsTheLastSequenceNumber() throws IOException {
    try (SqliteEventLog log = SqliteEventLog.open(file(), true)) {
      assertThat(log.append(List.of())).isZero();
      long last = log.append(List.of(event("u", "i", 1), event("u", "j", 2)));
      assertThat(log.append(List.of())).isEqualTo(last);
      assertThat(log.count()).isEqualTo(2);
    }
  }

  /**
   * Threads append concurrently (their batches share commits) while some batches fail: every acknowledged batch
   * is stored whole and contiguous, in the order of its sequence number; no failed batch leaves a trace.
   */
  @Test
  void concurrentAppendsKeepEachBatchWholeAndFailuresApart() throws Exception {
    int threads = 6;
    int batchesPerThread = 40;
    int batchSize = 7;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (SqliteEventLog log = SqliteEventLog.open(file(), false)) {
      List<Future<List<long[]>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        results.add(pool.submit(() -> {
          List<long[]> acknowledged = new ArrayList<>(); // {batch key, sequence number}
          for (int b = 0; b < batchesPerThread; b++) {
            long key = thread * 1000L + b;
            boolean fails = b % 5 == 3;
            List<Event> batch = new ArrayList<>();
            for (int j = 0; j < batchSize; j++) {
              batch.add(event(fails && j == 4 ? null : "batch" + key, "i" + j, j));
            }
            try {
              acknowledged.add(new long[] {key, log.append(batch)});
            } catch (IOException e) {
              assertThat(fails).as("batch %d failed: %s", key, e).isTrue();
            }
          }
          return acknowledged;
        }));
      }
      List<long[]> acknowledged = new ArrayList<>();
      for (Future<List<long[]>> r : results) {
        acknowledged.addAll(r.get());
      }
      acknowledged.sort((a, b) -> Long.compare(a[1], b[1]));

      List<Event> expected = new ArrayList<>();
      for (long[] ack : acknowledged) {
        for (int j = 0; j < batchSize; j++) {
          expected.add(event("batch" + ack[0], "i" + j, j));
        }
      }
      assertThat(acknowledged).hasSize(threads * batchesPerThread * 4 / 5);
      assertThat(replayAll(log, 0)).isEqualTo(expected);
      assertThat(log.count()).isEqualTo(expected.size());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void refusesTheFileOfAnotherStore() throws IOException {
    SqliteCatalogue.open(file(), true).close();

    assertThatThrownBy(() -> SqliteEventLog.open(file(), true)).isInstanceOf(IOException.class)
        .hasMessageContaining("catalogue").hasMessageContaining("event log");
  }

  @Test
  void closedLogRefusesWork() throws IOException {
    SqliteEventLog log = SqliteEventLog.open(file(), true);
    log.close();

    assertThatThrownBy(() -> log.append(List.of(event("u", "i", 1)))).isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> log.replay(0, e -> {})).isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
  }
}
