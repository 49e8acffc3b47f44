package dev.funnel.server.store.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventWeights;
import dev.funnel.server.store.HistoryStore;
import dev.funnel.server.store.HistoryStore.Entry;
import dev.funnel.server.store.HistoryStoreContract;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link HistoryStoreContract}, and what is particular to the in-memory store: its growing arrays, per-user
 * locks, user count and rebuild from the event log.
 */
class InMemoryHistoryStoreTest extends HistoryStoreContract {

  @TempDir Path dir;

  @Override
  protected InMemoryHistoryStore open(int lastN) {
    return new InMemoryHistoryStore(lastN);
  }

  @Test
  void countsTheUsersWithAHistory() {
    InMemoryHistoryStore store = new InMemoryHistoryStore(1);
    store.add("u", "a", "view", 1, false, 1);
    store.add("v", "b", "view", 2, false, 2);
    store.add("u", "c", "view", 1, false, 3);

    assertThat(store.users()).isEqualTo(2);
  }

  /**
   * Random sequences against a plain list-of-objects model of the rule, with capacities and item counts past the
   * initial array size (the contract's model test stays within it).
   */
  @Test
  void matchesABruteForceModelOnRandomSequences() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      int capacity = 1 + random.nextInt(40);
      int items = 1 + random.nextInt(60);
      InMemoryHistoryStore store = new InMemoryHistoryStore(capacity);
      ReferenceHistory reference = new ReferenceHistory(capacity);
      for (int e = 0; e < 300; e++) {
        String item = "i" + random.nextInt(items);
        boolean isValue = random.nextInt(4) == 0;
        float weight = isValue ? 1 + random.nextInt(5) : random.nextFloat() * 3;
        long time = random.nextInt(100);
        String type = isValue ? "rating" : random.nextBoolean() ? "view" : "click";
        store.add("u", item, type, weight, isValue, time);
        reference.add(item, type, weight, isValue, time);
      }
      assertThat(store.recent("u")).as("round %d", round).isEqualTo(reference.entries());
    }
  }

  /** Beyond the contract's one user: several users' locks at once, and reads while the arrays change. */
  @Test
  void concurrentAddsToSharedUsersLoseNothing() throws Exception {
    InMemoryHistoryStore store = new InMemoryHistoryStore(20);
    int threads = 8;
    int addsPerThread = 20_000;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(pool.submit(() -> {
          for (int k = 0; k < addsPerThread; k++) {
            store.add("u" + (k % 4), "i" + ((k + thread) % 10), "view", 1, false, k);
            if (k % 100 == 0) {
              assertThat(store.recent("u" + (k % 4))).hasSizeLessThanOrEqualTo(10);
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    for (int u = 0; u < 4; u++) {
      List<Entry> entries = store.recent("u" + u);
      assertThat(entries).hasSize(10);
      assertThat(entries.stream().mapToDouble(Entry::value).sum()).isEqualTo(threads * addsPerThread / 4.0);
    }
  }

  @Test
  void rebuildFromTheLogEqualsApplyingTheEventsDirectly() throws IOException {
    FeedbackConfig feedback = new FeedbackConfig(Map.of("view", 1f, "like", 3f), Set.of("rating"), 0f);
    EventWeights weights = new EventWeights(feedback);
    InMemoryHistoryStore direct = new InMemoryHistoryStore(5);
    Random random = new Random(7);
    List<Event> events = new ArrayList<>();
    String[] types = {"view", "like", "rating", "rating", "VIEW"};
    for (int k = 0; k < 2_000; k++) {
      String type = types[random.nextInt(types.length)];
      float value = random.nextInt(3) == 0 ? Float.NaN : 1 + random.nextInt(5);
      events.add(new Event("u" + random.nextInt(20), "i" + random.nextInt(12), type, value, random.nextInt(500), null));
    }
    events.add(new Event("u0", "i0", "retired-type", 1, 1, null)); // accepted under an earlier configuration
    try (SqliteEventLog log = SqliteEventLog.open(dir.resolve("events.db"), false)) {
      log.append(events);
      for (int k = 0; k < events.size(); k++) {
        HistoryStore.Update update = weights.knows(events.get(k)) ? weights.update(k + 1, events.get(k)) : null;
        if (update != null) {
          direct.addAll(List.of(update));
        }
      }

      InMemoryHistoryStore rebuilt = InMemoryHistoryStore.rebuild(log, feedback, 5);
      assertThat(rebuilt.users()).isEqualTo(direct.users());
      for (int u = 0; u < 20; u++) {
        assertThat(rebuilt.recent("u" + u)).isEqualTo(direct.recent("u" + u)).isNotEmpty();
      }
    }
  }

  @Test
  void rejectsBadSettingsAndEvents() {
    assertThatThrownBy(() -> new InMemoryHistoryStore(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    InMemoryHistoryStore store = new InMemoryHistoryStore();
    assertThatThrownBy(() -> store.add("u", null, "view", 1, false, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.add("u", "i", "rating", Float.NaN, true, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThat(store.recent("u")).isEmpty();
  }

  /** The aggregation rule written the obvious way: a list of mutable pairs. */
  private static final class ReferenceHistory {
    private static final class Pair {
      final String item;
      double weighted; // summed in double, as DatasetBuilder sums
      float rating;
      long ratingTime = Long.MIN_VALUE;
      long latest = Long.MIN_VALUE;
      final java.util.LinkedHashSet<String> types = new java.util.LinkedHashSet<>();

      Pair(String item) {
        this.item = item;
      }
    }

    private final int capacity;
    private final List<Pair> pairs = new ArrayList<>();

    ReferenceHistory(int capacity) {
      this.capacity = capacity;
    }

    void add(String item, String type, float weight, boolean isValue, long time) {
      Pair pair = pairs.stream().filter(p -> p.item.equals(item)).findFirst().orElse(null);
      if (pair == null) {
        pair = new Pair(item);
      } else {
        pairs.remove(pair);
      }
      pairs.add(pair);
      if (pairs.size() > capacity) {
        pairs.remove(0);
      }
      if (!isValue) {
        pair.weighted += weight;
      } else if (time >= pair.ratingTime) {
        pair.rating = weight;
        pair.ratingTime = time;
      }
      pair.latest = Math.max(pair.latest, time);
      pair.types.add(type);
    }

    List<Entry> entries() {
      return pairs.stream().map(p -> new Entry(p.item, (float) (p.weighted + p.rating), p.latest,
          String.join(",", p.types))).toList();
    }
  }
}
