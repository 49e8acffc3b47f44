package dev.funnel.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.server.store.HistoryStore.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@link HistoryStore} contract, run against every implementation: a subclass supplies {@link #open}.
 * Aggregation follows the dataset builder: weights add up, the rating with the latest time replaces earlier
 * ratings (a tie goes to the later arrival), the latest time is kept, and each event moves its item to the newest
 * position. An item trimmed off the end is forgotten.
 */
public abstract class HistoryStoreContract {
  /** Opens the store under test, empty at the start of each test, keeping the last {@code lastN} per user. */
  protected abstract HistoryStore open(int lastN) throws Exception;

  @Test
  void unknownUserHasNoHistory() throws Exception {
    try (HistoryStore history = open(10)) {
      assertThat(history.recent("nobody")).isEmpty();
    }
  }

  @Test
  void aggregatesAHandWorkedSequence() throws Exception {
    try (HistoryStore history = open(10)) {
      history.add("u", "a", "view", 1, false, 100);
      history.add("u", "b", "click", 2, false, 110);
      history.add("u", "a", "rating", 4, true, 120); // rating 4 on top of weight 1
      history.add("u", "a", "click", 0.5f, false, 105); // older event: adds, keeps time 120, moves a to newest
      history.add("u", "c", "rating", 3, true, 90);
      history.add("u", "a", "rating", 3, true, 130); // re-rating replaces 4; its type is listed once
      history.add("v", "a", "view", 7, false, 1); // another user's history is apart
      history.add("u", "b", null, 0, false, 100); // a type not known (restored base data): b's stay as they are

      assertThat(history.recent("u")).containsExactly(
          new Entry("c", 3, 90, "rating"), new Entry("a", 4.5f, 130, "view,rating,click"),
          new Entry("b", 2, 110, "click"));
      assertThat(history.recent("v")).containsExactly(new Entry("a", 7, 1, "view"));
    }
  }

  @Test
  void theRatingWithTheLatestTimeWinsWhateverTheArrivalOrder() throws Exception {
    try (HistoryStore history = open(10)) {
      history.add("u", "a", "rating", 5, true, 200);
      history.add("u", "a", "rating", 2, true, 150); // arrives later but rated earlier: 5 stands
      history.add("u", "b", "rating", 1, true, 300);
      history.add("u", "b", "rating", 4, true, 300); // same time: the later arrival wins

      assertThat(history.recent("u")).containsExactly(new Entry("a", 5, 200, "rating"),
          new Entry("b", 4, 300, "rating"));
    }
  }

  @Test
  void keepsTheLastNAndForgetsWhatFallsOff() throws Exception {
    try (HistoryStore history = open(3)) {
      for (String item : List.of("a", "b", "c", "d")) {
        history.add("u", item, "view", 1, false, 10);
      }
      assertThat(history.recent("u")).extracting(Entry::item).containsExactly("b", "c", "d");

      history.add("u", "b", "view", 1, false, 20); // moves to newest
      assertThat(history.recent("u")).extracting(Entry::item).containsExactly("c", "d", "b");

      history.add("u", "a", "view", 1, false, 30); // back after being trimmed: starts afresh
      assertThat(history.recent("u"))
          .containsExactly(new Entry("d", 1, 10, "view"), new Entry("b", 2, 20, "view"), new Entry("a", 1, 30, "view"));
    }
  }

  @Test
  void keepsTheDatasetBuildersFloatArithmetic() throws Exception {
    try (HistoryStore history = open(10)) {
      double sum = 0;
      for (int k = 0; k < 10; k++) {
        history.add("u", "a", "view", 0.1f, false, k);
        sum += 0.1f; // as the dataset builder sums: the floats' exact values, in double
      }
      history.add("u", "a", "rating", 0.3f, true, 10);
      assertThat(history.recent("u")).containsExactly(new Entry("a", (float) (sum + 0.3f), 10, "view,rating"));
    }
  }

  @Test
  void matchesAReferenceModelOnRandomSequences() throws Exception {
    int lastN = 5;
    float[] weights = {0.5f, 1, 2, 3, 4.5f, 0.1f};
    for (long seed = 1; seed <= 3; seed++) {
      Random random = new Random(seed);
      ReferenceHistory reference = new ReferenceHistory(lastN);
      try (HistoryStore history = open(lastN)) {
        for (int step = 0; step < 300; step++) {
          String user = "u" + random.nextInt(3);
          String item = "i" + random.nextInt(8);
          float weight = weights[random.nextInt(weights.length)];
          boolean isValue = random.nextInt(3) == 0;
          String type = isValue ? "rating" : TYPES[random.nextInt(TYPES.length)];
          long time = 1000 + random.nextInt(40); // few distinct times: plenty of ties and out-of-order events
          history.add(user, item, type, weight, isValue, time);
          reference.add(user, item, type, weight, isValue, time);
        }
        for (int u = 0; u < 3; u++) {
          assertThat(history.recent("u" + u)).as("seed %d user u%d", seed, u)
              .containsExactlyElementsOf(reference.recent("u" + u));
        }
      }
    }
  }

  @Test
  void concurrentAddsLoseNothing() throws Exception {
    int threads = 6;
    int addsPerThread = 400;
    int items = 10;
    try (HistoryStore history = open(items)) {
      ConcurrentRuns.run(threads, thread -> {
        for (int k = 0; k < addsPerThread; k++) {
          history.add("u", "i" + (k % items), "view", thread % 2 == 0 ? 1 : 0.25f, false, thread * 1000L + k);
        }
      });

      List<Entry> recent = history.recent("u");
      assertThat(recent).hasSize(items);
      // Each item gets addsPerThread / items adds from each thread: 3 threads of weight 1 and 3 of 0.25.
      float expected = addsPerThread / items * (3 * 1 + 3 * 0.25f);
      assertThat(recent).allSatisfy(entry -> assertThat(entry.value()).isEqualTo(expected));
      // The latest time of item j comes from the last thread's last add of it.
      assertThat(recent).allSatisfy(entry -> assertThat(entry.timestamp())
          .isEqualTo((threads - 1) * 1000L + addsPerThread - items + Integer.parseInt(entry.item().substring(1))));
    }
  }

  private static final String[] TYPES = {"view", "click", "like", "share"};

  /** An independent implementation of the aggregation rule, as plainly as possible. */
  private static final class ReferenceHistory {
    private final int lastN;
    private final Map<String, LinkedHashMap<String, double[]>> users = new HashMap<>();
    /** Per user and item: the types seen since the item last (re)entered the history, in order. */
    private final Map<String, Map<String, LinkedHashSet<String>>> types = new HashMap<>();

    ReferenceHistory(int lastN) {
      this.lastN = lastN;
    }

    /** Per item: {summed weight, rating, rating time (NaN: none), latest time}. */
    void add(String user, String item, String type, float weight, boolean isValue, long time) {
      LinkedHashMap<String, double[]> history = users.computeIfAbsent(user, u -> new LinkedHashMap<>());
      Map<String, LinkedHashSet<String>> userTypes = types.computeIfAbsent(user, u -> new HashMap<>());
      double[] aggregate = history.remove(item);
      if (aggregate == null) {
        aggregate = new double[] {0, 0, Double.NaN, time};
        userTypes.put(item, new LinkedHashSet<>());
      }
      userTypes.get(item).add(type);
      if (!isValue) {
        aggregate[0] += weight;
      } else if (Double.isNaN(aggregate[2]) || time >= aggregate[2]) {
        aggregate[1] = weight;
        aggregate[2] = time;
      }
      aggregate[3] = Math.max(aggregate[3], time);
      history.put(item, aggregate);
      while (history.size() > lastN) {
        history.remove(history.keySet().iterator().next());
      }
    }

    List<Entry> recent(String user) {
      List<Entry> entries = new ArrayList<>();
      users.getOrDefault(user, new LinkedHashMap<>()).forEach((item, a) ->
          entries.add(new Entry(item, (float) (a[0] + a[1]), (long) a[3],
              String.join(",", types.get(user).get(item)))));
      return entries;
    }
  }
}
