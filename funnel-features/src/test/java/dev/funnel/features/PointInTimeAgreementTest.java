package dev.funnel.features;

import static org.assertj.core.api.Assertions.assertThat;

import dev.funnel.core.config.YamlDocument;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.EventTable;
import dev.funnel.core.features.FeatureViews;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random logs with many equal times, late-arriving bucket edges and quiet stretches past the TTL: at random
 * (user, item, t) points the offline join, the online store (the log replayed up to t) and a brute force written
 * from the definition in {@link dev.funnel.core.features.FeatureView} must agree on every feature.
 */
class PointInTimeAgreementTest {
  static final String VIEWS = """
      views:
        - name: ua
          entity: user
          ttl: 2d
          buckets: 4
          features:
            - {name: clicks_1d, aggregate: count, events: [click], window: 1d}
            - {name: views_4h, aggregate: count, events: [view], window: 4h}
            - {name: dwell_sum_1d, aggregate: sum, events: [dwell], window: 1d}
            - {name: dwell_mean, aggregate: mean, events: [dwell]}
            - {name: events, aggregate: count, events: [view, click, dwell, purchase]}
            - {name: recency, aggregate: recency, events: [view, click]}
        - name: ib
          entity: item
          ttl: 1d
          buckets: 6
          features:
            - {name: ctr_12h, aggregate: ratio, events: [click], over: [view], window: 12h}
            - {name: ctr, aggregate: ratio, events: [click, purchase], over: [view]}
            - {name: last_dwell, aggregate: last, events: [dwell]}
            - {name: age, aggregate: age, events: [view, click, dwell, purchase]}
            - {name: purchases_6h, aggregate: sum, events: [purchase], window: 6h}
            - {name: dwell_mean_1d, aggregate: mean, events: [dwell], window: 1d}
        - name: ctx
          entity: context
          features:
            - {name: hour, context: hour}
            - {name: weekday, context: weekday}
      """;
  private static final String[] TYPES = {"view", "click", "dwell", "purchase"};

  record Holder(FeatureViews views) {}

  static FeatureViews views() {
    return YamlDocument.read(VIEWS.getBytes(StandardCharsets.UTF_8), "test views", Holder.class).views();
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void offlineOnlineAndBruteForceAgree(long seed) {
    Random random = new Random(seed);
    FeatureViews views = views();
    DatasetBuilder builder = new DatasetBuilder(true);
    int users = 4;
    int items = 5;
    for (int u = 0; u < users; u++) {
      builder.user("u" + u);
    }
    for (int i = 0; i < items; i++) {
      builder.item("i" + i);
    }
    long time = 1_700_000_000L;
    for (int k = 0; k < 400; k++) {
      // bursts with equal times, steps across bucket edges, and now and then a silence longer than the TTLs
      int gap = random.nextInt(10);
      time += gap < 4 ? 0 : gap < 8 ? random.nextInt(3_600) : gap < 9 ? random.nextInt(6 * 3_600) : 3 * 86_400;
      String type = TYPES[random.nextInt(TYPES.length)];
      float value = type.equals("dwell") ? random.nextInt(600) / 4f : random.nextBoolean() ? Float.NaN : 2;
      builder.addEvent("u" + random.nextInt(users), "i" + random.nextInt(items), type, value, 1, false, time);
    }
    Dataset data = builder.build("random", "", 0);
    EventTable events = data.events();
    int n = 300;
    int[] exUsers = new int[n];
    int[] exItems = new int[n];
    long[] exTimes = new long[n];
    long first = events.times()[0];
    long last = events.times()[events.size() - 1];
    for (int e = 0; e < n; e++) {
      exUsers[e] = random.nextInt(users + 1) - 1; // -1: an unknown user
      exItems[e] = random.nextInt(items);
      exTimes[e] = random.nextBoolean() ? events.times()[random.nextInt(events.size())] // exactly at an event
          : first - 3_600 + (long) (random.nextDouble() * (last - first + 3 * 86_400));
    }
    ConsistencyCheck check = new ConsistencyCheck(views, data);
    ConsistencyCheck.Samples samples = new ConsistencyCheck.Samples(exUsers, exItems, exTimes);
    float[] offline = check.offline(samples);
    float[] online = check.online(samples);
    float[] brute = bruteForce(data, exUsers, exItems, exTimes);
    String[] names = check.names();
    int width = names.length;
    List<String> mismatches = new ArrayList<>();
    int nonMissing = 0;
    for (int e = 0; e < n; e++) {
      for (int c = 0; c < width; c++) {
        float b = brute[e * width + c];
        nonMissing += Float.isNaN(b) ? 0 : 1;
        if (!ConsistencyCheck.agree(b, offline[e * width + c]) || !ConsistencyCheck.agree(b, online[e * width + c])) {
          mismatches.add(names[c] + " at example " + e + " (t=" + exTimes[e] + "): brute " + b + ", offline "
              + offline[e * width + c] + ", online " + online[e * width + c]);
        }
      }
    }
    assertThat(mismatches).isEmpty();
    assertThat(nonMissing).as("most values are present, so the comparison means something")
        .isGreaterThan(n * width / 3);
  }

  /** Every feature of {@link #VIEWS} computed from its definition, by scanning the whole log for each example. */
  static float[] bruteForce(Dataset data, int[] users, int[] items, long[] times) {
    EventTable ev = data.events();
    int width = 6 + 6 + 2;
    float[] out = new float[times.length * width];
    for (int example = 0; example < times.length; example++) {
      int e = example;
      long t = times[e];
      int at = e * width;
      Scan user = new Scan(ev, t, k -> ev.users()[k] == users[e]);
      boolean userAlive = user.latest(ev, "view", "click", "dwell", "purchase") != Long.MIN_VALUE
          && t - user.latest(ev, "view", "click", "dwell", "purchase") <= 2 * 86_400;
      out[at] = userAlive ? user.count(ev, 86_400 / 4, 4, "click") : Float.NaN;
      out[at + 1] = userAlive ? user.count(ev, 3_600, 4, "view") : Float.NaN;
      out[at + 2] = userAlive ? user.sum(ev, 86_400 / 4, 4, "dwell") : Float.NaN;
      out[at + 3] = userAlive ? user.mean(ev, 0, 0, "dwell") : Float.NaN;
      out[at + 4] = userAlive ? user.count(ev, 0, 0, "view", "click", "dwell", "purchase") : Float.NaN;
      long recent = user.latest(ev, "view", "click");
      out[at + 5] = userAlive && recent != Long.MIN_VALUE ? (t - recent) / 3_600f : Float.NaN;
      Scan item = new Scan(ev, t, k -> ev.items()[k] == items[e]);
      long itemLatest = item.latest(ev, "view", "click", "dwell", "purchase");
      boolean itemAlive = itemLatest != Long.MIN_VALUE && t - itemLatest <= 86_400;
      float views12 = item.count(ev, 7_200, 6, "view");
      out[at + 6] = itemAlive && views12 > 0 ? item.count(ev, 7_200, 6, "click") / views12 : Float.NaN;
      float views = item.count(ev, 0, 0, "view");
      out[at + 7] = itemAlive && views > 0 ? item.count(ev, 0, 0, "click", "purchase") / views : Float.NaN;
      int lastDwell = item.lastIndex(ev, "dwell");
      out[at + 8] = itemAlive && lastDwell >= 0 ? value(ev, lastDwell) : Float.NaN;
      long firstSeen = item.first(ev, "view", "click", "dwell", "purchase");
      out[at + 9] = itemAlive ? (t - firstSeen) / 86_400f : Float.NaN;
      out[at + 10] = itemAlive ? item.sum(ev, 3_600, 6, "purchase") : Float.NaN;
      out[at + 11] = itemAlive ? item.mean(ev, 14_400, 6, "dwell") : Float.NaN;
      out[at + 12] = (float) (Math.floorMod(t, 86_400L) / 3_600);
      out[at + 13] = java.time.Instant.ofEpochSecond(t).atZone(java.time.ZoneOffset.UTC).getDayOfWeek().getValue();
    }
    return out;
  }

  static float value(EventTable ev, int k) {
    return Float.isNaN(ev.values()[k]) ? 1f : ev.values()[k];
  }

  /** The events of one entity at or before t, in log order. */
  record Scan(List<Integer> events, long t) {
    Scan(EventTable ev, long t, java.util.function.IntPredicate entity) {
      this(select(ev, t, entity), t);
    }

    static List<Integer> select(EventTable ev, long t, java.util.function.IntPredicate entity) {
      List<Integer> found = new ArrayList<>();
      for (int k = 0; k < ev.size(); k++) {
        if (entity.test(k) && ev.times()[k] <= t) {
          found.add(k);
        }
      }
      return found;
    }

    /** Whether event k is of the types and inside the window (granularity 0: no window). */
    boolean in(EventTable ev, int k, long granularity, int buckets, String... types) {
      boolean typed = List.of(types).contains(ev.typeNames().get(ev.types()[k]));
      return typed && (granularity == 0
          || Math.floorDiv(ev.times()[k], granularity) >= Math.floorDiv(t, granularity) - buckets + 1);
    }

    float count(EventTable ev, long g, int b, String... types) {
      return (float) events.stream().filter(k -> in(ev, k, g, b, types)).count();
    }

    float sum(EventTable ev, long g, int b, String... types) {
      double sum = 0;
      for (int k : events) {
        sum += in(ev, k, g, b, types) ? value(ev, k) : 0;
      }
      return (float) sum;
    }

    float mean(EventTable ev, long g, int b, String... types) {
      float count = count(ev, g, b, types);
      return count == 0 ? Float.NaN : sum(ev, g, b, types) / count;
    }

    long latest(EventTable ev, String... types) {
      int k = lastIndex(ev, types);
      return k < 0 ? Long.MIN_VALUE : ev.times()[k];
    }

    int lastIndex(EventTable ev, String... types) {
      int last = -1;
      for (int k : events) {
        last = in(ev, k, 0, 0, types) ? k : last;
      }
      return last;
    }

    long first(EventTable ev, String... types) {
      return events.stream().filter(k -> in(ev, k, 0, 0, types)).mapToLong(k -> ev.times()[k]).min()
          .orElse(Long.MIN_VALUE);
    }
  }
}
