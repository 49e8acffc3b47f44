package dev.funnel.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The {@link EventLog} contract, run against every implementation: a subclass supplies {@link #open}.
 * Sequence numbers are checked to start at 1 and increase, not to be gapless.
 */
public abstract class EventLogContract {
  /** Opens the log under test, empty at the start of each test; opened again in one test, the same stored log. */
  protected abstract EventLog open() throws Exception;

  private static Event event(int i) {
    return new Event("u" + (i % 7), "i" + i, i % 2 == 0 ? "click" : "rating", i % 2 == 0 ? Float.NaN : i / 4f,
        1_700_000_000L + i, i % 3 == 0 ? "req-" + i : null);
  }

  private static List<Event> events(int from, int to) {
    List<Event> events = new ArrayList<>();
    for (int i = from; i < to; i++) {
      events.add(event(i));
    }
    return events;
  }

  private static List<Event> replayed(EventLog log, long after) throws IOException {
    List<Event> events = new ArrayList<>();
    log.replay(after, events::add);
    return events;
  }

  @Test
  void newLogIsEmpty() throws Exception {
    try (EventLog log = open()) {
      assertThat(log.count()).isZero();
      assertThat(replayed(log, 0)).isEmpty();
    }
  }

  @Test
  void aSourceAppendsEachKeyedEventOnceAndStoresItsPositionWithThem() throws Exception {
    List<Event> batch = events(0, 4);
    try (EventLog log = open()) {
      assertThat(log.position("kafka:t:0")).isEqualTo(-1);
      EventLog.Appended first = log.appendFrom(batch, java.util.Arrays.asList("a", "b", null, "c"), "kafka:t:0", 41);
      assertThat(first.events()).containsExactlyElementsOf(batch);
      assertThat(first.last()).isEqualTo(4);
      assertThat(first.sequence(0)).isEqualTo(1);
      // a redelivery: "a" and "c" were appended before; the unkeyed one is new each time
      List<Event> again = List.of(event(10), event(11), event(12));
      assertThat(log.appendFrom(again, java.util.Arrays.asList("a", null, "c"), "kafka:t:0", 44))
          .isEqualTo(new EventLog.Appended(List.of(event(11)), 5));
      assertThat(log.appendFrom(List.of(event(20)), List.of("d"), "kafka:t:1", 7))
          .isEqualTo(new EventLog.Appended(List.of(event(20)), 6));
      assertThat(log.position("kafka:t:0")).isEqualTo(44);
      assertThat(log.position("kafka:t:1")).isEqualTo(7);
      assertThat(log.count()).isEqualTo(6);
    }
    try (EventLog log = open()) {
      // nothing new: the log's last sequence number, so that the (empty) appended events end there
      assertThat(log.appendFrom(List.of(event(30)), List.of("b"), "kafka:t:0", 45))
          .isEqualTo(new EventLog.Appended(List.of(), 6));
      assertThat(log.position("kafka:t:0")).isEqualTo(45);
      List<Event> expected = new ArrayList<>(batch);
      expected.add(event(11));
      expected.add(event(20));
      assertThat(replayed(log, 0)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void sequenceNumbersStartAtOne() throws Exception {
    try (EventLog log = open()) {
      assertThat(log.append(events(0, 1))).isEqualTo(1);
    }
  }

  @Test
  void appendsReplayInOrderAfterAnySequenceNumber() throws Exception {
    try (EventLog log = open()) {
      long first = log.append(events(0, 3));
      long second = log.append(events(3, 5));

      assertThat(first).isGreaterThanOrEqualTo(3);
      assertThat(second).isGreaterThanOrEqualTo(first + 2);
      assertThat(log.count()).isEqualTo(5);
      assertThat(replayed(log, 0)).containsExactlyElementsOf(events(0, 5));
      assertThat(replayed(log, first)).containsExactlyElementsOf(events(3, 5));
      assertThat(replayed(log, second)).isEmpty();
    }
  }

  @Test
  void roundTripsEveryField() throws Exception {
    List<Event> odd = List.of(
        new Event("ü 用户", "", "view", Float.NaN, 0, null),
        new Event("u", "i", "rating", -0.0f, Long.MAX_VALUE, "r"),
        new Event("u", "i", "rating", Float.MIN_VALUE, -1, "'; DROP TABLE x; --"),
        new Event("u", "i", "purchase", Float.MAX_VALUE, Long.MIN_VALUE, ""));
    try (EventLog log = open()) {
      log.append(odd);
      assertThat(replayed(log, 0)).containsExactlyElementsOf(odd);
    }
  }

  @Test
  void failingEventInTheMiddleStoresNothingOfItsBatch() throws Exception {
    try (EventLog log = open()) {
      long before = log.append(events(0, 2));
      List<Event> batch = new ArrayList<>(events(2, 5));
      batch.add(1, new Event("u", null, "click", 1, 1, null));

      assertThatThrownBy(() -> log.append(batch))
          .isInstanceOfAny(IOException.class, IllegalArgumentException.class);
      assertThat(log.count()).isEqualTo(2);
      assertThat(replayed(log, 0)).containsExactlyElementsOf(events(0, 2));
      assertThat(log.append(events(2, 3))).isGreaterThan(before);
    }
  }

  @Test
  void survivesReopening() throws Exception {
    long last;
    try (EventLog log = open()) {
      last = log.append(events(0, 4));
    }
    try (EventLog log = open()) {
      assertThat(log.count()).isEqualTo(4);
      assertThat(replayed(log, 0)).containsExactlyElementsOf(events(0, 4));
      assertThat(log.append(events(4, 5))).isGreaterThan(last);
    }
  }

  @Test
  void replaysLogsLargerThanAnyReadBuffer() throws Exception {
    try (EventLog log = open()) {
      for (int from = 0; from < 25_000; from += 1000) {
        log.append(events(from, from + 1000));
      }
      assertThat(log.count()).isEqualTo(25_000);
      assertThat(replayed(log, 0)).containsExactlyElementsOf(events(0, 25_000));
    }
  }

  /** Concurrent batches each land whole and contiguous, in the order of the sequence numbers they were given. */
  @Test
  void concurrentBatchesStayWholeAndOrderedBySequence() throws Exception {
    int threads = 4;
    int batchesPerThread = 25;
    int batchSize = 10;
    Map<Long, List<Event>> bySequence = Collections.synchronizedMap(new TreeMap<>());
    try (EventLog log = open()) {
      ConcurrentRuns.run(threads, thread -> {
        for (int b = 0; b < batchesPerThread; b++) {
          int from = (thread * batchesPerThread + b) * batchSize;
          List<Event> batch = events(from, from + batchSize);
          bySequence.put(log.append(batch), batch);
        }
      });

      assertThat(bySequence).hasSize(threads * batchesPerThread);
      assertThat(log.count()).isEqualTo((long) threads * batchesPerThread * batchSize);
      List<Event> expected = new ArrayList<>();
      bySequence.values().forEach(expected::addAll);
      assertThat(replayed(log, 0)).containsExactlyElementsOf(expected);
    }
  }
}
