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
  void countsTheUsersWithAHistory() throws IOException {
    InMemoryHistoryStore store = new InMemoryHistoryStore(1);
    store.add("u", "a", 1, false, 1);
    store.add("v", "b", 2, false, 2);
    store.add("u", "c", 1, false, 3);

    assertThat(store.users()).isEqualTo(2);
  }

  /**
   * Random sequences against a plain list-of-objects model of the rule, with capacities and item counts past the
   * initial array size (the contract's model test stays within it).
   */
  @Test
  void matchesABruteForceModelOnRandomSequences() throws IOException {
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
        store.add("u", item, weight, isValue, time);
        reference.add(item, weight, isValue, time);
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
            store.add("u" + (k % 4), "i" + ((k + thread) % 10), 1, false, k);
            if (k % 100 == 0) {
              assertThat(store.recent("u" + (k % 4))).hasSizeLessThanOrEqualTo(10);
            }
          }
          return null;
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

  /**
   * A store bounded to a few users' histories, loading from the log, against an unbounded one given every event:
   * each event is logged, sometimes its user read (loading the history with the event in it) before the update
   * arrives, then applied — users are dropped and reloaded all along, and every history ends equal, nothing doubled
   * or lost.
   */
  @Test
  void aBoundedStoreLoadingFromTheLogEqualsAnUnboundedOne() throws IOException {
    FeedbackConfig feedback = new FeedbackConfig(Map.of("view", 1f, "like", 3f), Set.of("rating"), 0f);
    EventWeights weights = new EventWeights(feedback);
    InMemoryHistoryStore direct = new InMemoryHistoryStore(5);
    Random random = new Random(7);
    String[] types = {"view", "like", "rating", "rating", "VIEW", "retired-type"};
    try (SqliteEventLog log = SqliteEventLog.open(dir.resolve("events.db"), false)) {
      InMemoryHistoryStore.Source source = new InMemoryHistoryStore.Source() {
        @Override
        public void replay(String user, java.util.function.Consumer<HistoryStore.Update> sink) throws IOException {
          log.replayUser(user, weights.updatesTo(sink));
        }

        @Override
        public void users(java.util.function.Consumer<String> sink) throws IOException {
          log.users(sink);
        }
      };
      int oneUser = 96 + 5 * (40 + 64) + 2 * 3 + 64; // 5 slots and a 3-letter id, as the store weighs a history
      InMemoryHistoryStore bounded = InMemoryHistoryStore.loading(5, 3L * oneUser, source);
      for (int k = 0; k < 2_000; k++) {
        String type = types[random.nextInt(types.length)];
        float value = random.nextInt(3) == 0 ? Float.NaN : 1 + random.nextInt(5);
        Event event = new Event("u" + random.nextInt(20), "i" + random.nextInt(12), type, value, random.nextInt(500),
            null);
        long sequence = log.append(List.of(event));
        if (random.nextInt(4) == 0) {
          bounded.recent(event.user()); // loads the event before its update arrives
        }
        List<HistoryStore.Update> update = new ArrayList<>(1);
        weights.updatesTo(update::add).accept(sequence, event);
        direct.addAll(update);
        bounded.addAll(update);
        assertThat(bounded.users()).isLessThanOrEqualTo(3);
      }
      InMemoryHistoryStore restarted = InMemoryHistoryStore.loading(5, 3L * oneUser, source); // knows the log's users
      for (int u = 0; u < 20; u++) {
        assertThat(bounded.recent("u" + u)).as("u%d", u).isEqualTo(direct.recent("u" + u)).isNotEmpty();
        assertThat(restarted.recent("u" + u)).as("u%d after a restart", u).isEqualTo(direct.recent("u" + u));
      }
      assertThat(bounded.recent("nobody")).isEmpty();
    }
  }

  @Test
  void rejectsBadSettingsAndEvents() throws IOException {
    assertThatThrownBy(() -> new InMemoryHistoryStore(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0");
    assertThatThrownBy(() -> InMemoryHistoryStore.loading(5, 0, InMemoryHistoryStore.Source.NONE))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("memory bound");
    InMemoryHistoryStore store = new InMemoryHistoryStore();
    assertThatThrownBy(() -> store.add("u", null, 1, false, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> store.add("u", "i", Float.NaN, true, 1)).isInstanceOf(IllegalArgumentException.class);
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

      Pair(String item) {
        this.item = item;
      }
    }

    private final int capacity;
    private final List<Pair> pairs = new ArrayList<>();

    ReferenceHistory(int capacity) {
      this.capacity = capacity;
    }

    void add(String item, float weight, boolean isValue, long time) {
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
    }

    List<Entry> entries() {
      return pairs.stream().map(p -> new Entry(p.item, (float) (p.weighted + p.rating), p.latest)).toList();
    }
  }
}
