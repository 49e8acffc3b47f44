package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLogContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@link EventLogContract}, and what is particular to the SQLite file: its errors, group commits, closing. */
class SqliteEventLogTest extends EventLogContract {

  @TempDir Path dir;

  private Path file() {
    return dir.resolve("events.db");
  }

  @Override
  protected SqliteEventLog open() throws IOException {
    return SqliteEventLog.open(file(), true);
  }

  private static Event event(String user, String item, int ts) {
    return new Event(user, item, "view", Float.NaN, ts, null);
  }

  private static List<Event> replayAll(SqliteEventLog log, long after) throws IOException {
    List<Event> events = new ArrayList<>();
    log.replay(after, events::add);
    return events;
  }

  /** What the batch stores (nothing) is the contract's; the error names the culprit. */
  @Test
  void anInvalidEventIsNamedInTheError() throws IOException {
    try (SqliteEventLog log = open()) {
      List<Event> broken = List.of(event("u1", "i1", 1), event("u2", "i2", 2), event(null, "i3", 3),
          event("u4", "i4", 4));

      assertThatThrownBy(() -> log.append(broken)).isInstanceOf(IOException.class)
          .hasMessageContaining("event 2 of the batch").hasMessageContaining("user");
      assertThat(log.count()).isZero();
    }
  }

  @Test
  void emptyBatchWritesNothingAndReturnsTheLastSequenceNumber() throws IOException {
    try (SqliteEventLog log = open()) {
      assertThat(log.append(List.of())).isZero();
      long last = log.append(List.of(event("u", "i", 1), event("u", "j", 2)));
      assertThat(log.append(List.of())).isEqualTo(last);
      assertThat(log.count()).isEqualTo(2);
    }
  }

  /**
   * Threads append concurrently (their batches share commits) while some batches fail: every acknowledged batch
   * is stored whole and contiguous, in the order of its sequence number; no failed batch leaves a trace, nor takes
   * down the batches committed with it (the contract's concurrent test has no failures).
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

    assertThatThrownBy(() -> open()).isInstanceOf(IOException.class)
        .hasMessageContaining("catalogue").hasMessageContaining("event log");
  }

  @Test
  void closedLogRefusesWork() throws IOException {
    SqliteEventLog log = open();
    log.close();

    assertThatThrownBy(() -> log.append(List.of(event("u", "i", 1)))).isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
    assertThatThrownBy(() -> log.replay(0, e -> {})).isInstanceOf(IOException.class)
        .hasMessageContaining("closed");
  }
}
