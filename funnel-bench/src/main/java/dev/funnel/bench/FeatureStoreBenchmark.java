package dev.funnel.bench;

import dev.funnel.core.config.YamlDocument;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.features.AttributeVersions;
import dev.funnel.features.OnlineFeatureStore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The online feature store (issue 16) under a ranking declaration of 16 features: an item view (views and clicks
 * over 1 h, 1 d and 7 d, the click/view ratio and the mean dwell over 7 d, purchases over 30 d, the age from the
 * catalogue's publish time), a user view (views 1 d, clicks 7 d, mean dwell 7 d, recency) and the hour and weekday
 * of the request. The store holds {@value #EVENTS} synthetic events of {@value #USERS} users on {@value #ITEMS} items
 * over {@value #DAYS} days, items and users drawn by Zipf's law (heavy-tailed popularity and activity).
 *
 * <p>{@link #readRequest}: what a ranker reads for one request at the end of the log: the user, {@value
 * #CANDIDATES} distinct candidates (drawn by popularity, as retrieval favours popular items) and the context, into
 * one reused buffer; sample-time mode gives p50/p99 in µs ({@link #readRequestCached}: the same, one request over
 * and over, its data in cache). {@link #apply}: one event applied to a loaded store,
 * in events/s; the log replays with its times shifted by {@value #DAYS} days per pass, so time only moves on.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgs = {"-Xmx4g"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class FeatureStoreBenchmark {
  private static final int USERS = 20_000;
  private static final int ITEMS = 100_000;
  private static final int EVENTS = 1_000_000;
  private static final int DAYS = 30;
  private static final int CANDIDATES = 300;
  private static final int REQUESTS = 1_024;
  private static final long START = 1_704_067_200L; // 2024-01-01T00:00:00Z
  private static final long SPAN = DAYS * 86_400L;

  private static final String VIEWS = """
      views:
        - name: item
          entity: item
          ttl: 30d
          features:
            - {name: views_1h, aggregate: count, events: [view], window: 1h}
            - {name: views_1d, aggregate: count, events: [view], window: 1d}
            - {name: views_7d, aggregate: count, events: [view], window: 7d}
            - {name: clicks_1h, aggregate: count, events: [click], window: 1h}
            - {name: clicks_1d, aggregate: count, events: [click], window: 1d}
            - {name: clicks_7d, aggregate: count, events: [click], window: 7d}
            - {name: ctr_7d, aggregate: ratio, events: [click], over: [view], window: 7d}
            - {name: dwell_mean_7d, aggregate: mean, events: [dwell], window: 7d}
            - {name: purchases_30d, aggregate: sum, events: [purchase], window: 30d}
            - {name: age_days, attribute: publish_time}
        - name: user
          entity: user
          ttl: 30d
          features:
            - {name: views_1d, aggregate: count, events: [view], window: 1d}
            - {name: clicks_7d, aggregate: count, events: [click], window: 7d}
            - {name: dwell_mean_7d, aggregate: mean, events: [dwell], window: 7d}
            - {name: recency_hours, aggregate: recency, events: [view, click]}
        - name: context
          entity: context
          features:
            - {name: hour, context: hour}
            - {name: weekday, context: weekday}
      """;
  /** Event types and their shares; likes are read by no view, so they cost a type check only. */
  private static final String[] TYPES = {"view", "click", "dwell", "purchase", "like"};
  private static final double[] TYPE_SHARES = {0.68, 0.15, 0.12, 0.03, 0.02};

  /** Binds the YAML's {@code views:} key. */
  public record Declaration(FeatureViews views) {}

  /** The synthetic log, built once per fork and shared by both benchmarks. */
  private static final class Log {
    static final Log INSTANCE = new Log(new SplittableRandom(16));

    final String[] userIds = ids("u", USERS);
    final String[] itemIds = ids("i", ITEMS);
    final ZipfSampler itemPopularity = new ZipfSampler(ITEMS, 1.0);
    final int[] users = new int[EVENTS];
    final int[] items = new int[EVENTS];
    final String[] types = new String[EVENTS];
    final float[] values = new float[EVENTS];
    final long[] times = new long[EVENTS];

    Log(SplittableRandom random) {
      ZipfSampler userActivity = new ZipfSampler(USERS, 0.8);
      for (int e = 0; e < EVENTS; e++) {
        times[e] = START + random.nextLong(SPAN);
      }
      Arrays.sort(times); // the store sees events in time order, as a live stream would deliver them
      for (int e = 0; e < EVENTS; e++) {
        users[e] = userActivity.sample(random);
        items[e] = itemPopularity.sample(random);
        types[e] = TYPES[pick(TYPE_SHARES, random.nextDouble())];
        // a dwell's seconds: log-normal around 20 s; the other types have no value
        values[e] = types[e].equals("dwell") ? (float) (20 * Math.exp(random.nextGaussian())) : Float.NaN;
      }
    }

    OnlineFeatureStore loadedStore() {
      AttributeVersions itemAttributes = new AttributeVersions(List.of("publish_time"), new boolean[] {true});
      SplittableRandom random = new SplittableRandom(17);
      for (String item : itemIds) {
        // published up to a year before the log's start or during it
        itemAttributes.put(item, 0, START - 365 * 86_400L + random.nextLong(365 * 86_400L + SPAN),
            AttributeVersions.ALWAYS);
      }
      FeatureViews views = YamlDocument.read(VIEWS.getBytes(StandardCharsets.UTF_8), "FeatureStoreBenchmark",
          Declaration.class).views();
      OnlineFeatureStore store = new OnlineFeatureStore(views, new AttributeVersions(List.of(), new boolean[0]),
          itemAttributes);
      for (int e = 0; e < EVENTS; e++) {
        store.apply(userIds[users[e]], itemIds[items[e]], types[e], values[e], times[e]);
      }
      return store;
    }

    private static String[] ids(String prefix, int n) {
      String[] ids = new String[n];
      for (int k = 0; k < n; k++) {
        ids[k] = prefix + (k + 1);
      }
      return ids;
    }

    private static int pick(double[] shares, double u) {
      int k = 0;
      double cumulative = shares[0];
      while (k < shares.length - 1 && u >= cumulative) {
        cumulative += shares[++k];
      }
      return k;
    }
  }

  /** P(k) ∝ 1 / (k + 1)^s over k in [0, n), by binary search in the cumulative weights. */
  private static final class ZipfSampler {
    private final double[] cumulative;

    ZipfSampler(int n, double exponent) {
      cumulative = new double[n];
      double total = 0;
      for (int k = 0; k < n; k++) {
        total += 1 / Math.pow(k + 1, exponent);
        cumulative[k] = total;
      }
    }

    int sample(SplittableRandom random) {
      int k = Arrays.binarySearch(cumulative, random.nextDouble() * cumulative[cumulative.length - 1]);
      return k >= 0 ? k : -k - 1;
    }
  }

  private OnlineFeatureStore store;
  private String[] requestUsers;
  private String[][] requestCandidates;
  /** The same candidates as dense ids (their index in the log's item ids), for the reader the ranker uses. */
  private int[][] requestDense;
  private OnlineFeatureStore.DenseItems dense;
  private float[] out;
  private int userColumns;
  private int contextColumns;
  private int itemColumns;
  private long now;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    Log log = Log.INSTANCE;
    store = log.loadedStore();
    now = log.times[EVENTS - 1] + 1;
    SplittableRandom random = new SplittableRandom(18);
    requestUsers = new String[REQUESTS];
    requestCandidates = new String[REQUESTS][CANDIDATES];
    requestDense = new int[REQUESTS][CANDIDATES];
    dense = store.denseItems(k -> log.itemIds[k], ITEMS);
    boolean[] taken = new boolean[ITEMS];
    for (int r = 0; r < REQUESTS; r++) {
      requestUsers[r] = log.userIds[log.users[random.nextInt(EVENTS)]]; // an active user, as requests come from
      int[] drawn = new int[CANDIDATES];
      for (int c = 0; c < CANDIDATES; c++) {
        int item;
        do {
          item = log.itemPopularity.sample(random);
        } while (taken[item]);
        taken[item] = true;
        drawn[c] = item;
        requestCandidates[r][c] = log.itemIds[item];
        requestDense[r][c] = item;
      }
      for (int item : drawn) {
        taken[item] = false;
      }
    }
    userColumns = store.schema().users().length;
    contextColumns = store.schema().context().length;
    itemColumns = store.schema().items().length;
    out = new float[userColumns + contextColumns + CANDIDATES * itemColumns];
  }

  /** One request's read: its user's features, then the context's, then each candidate's row of item features. */
  @Benchmark
  public float[] readRequest() {
    int r = next;
    next = (next + 1) % REQUESTS;
    return read(r);
  }

  /**
   * The control: the same request every time, so its entities stay in the CPU caches. The gap to {@link
   * #readRequest} is what fetching 300 random entities' counters from memory costs.
   */
  @Benchmark
  public float[] readRequestCached() {
    return read(0);
  }

  /**
   * {@link #readRequest} by dense ids through {@link OnlineFeatureStore#denseItems}, as the ranker reads: each
   * item's state resolved once, so no hash lookup per candidate.
   */
  @Benchmark
  public float[] readRequestDense() {
    int r = next;
    next = (next + 1) % REQUESTS;
    store.readUser(requestUsers[r], now, out, 0);
    store.readContext(now, Map.of(), out, userColumns);
    dense.read(requestDense[r], CANDIDATES, now, out, userColumns + contextColumns, itemColumns);
    return out;
  }

  private float[] read(int r) {
    store.readUser(requestUsers[r], now, out, 0);
    store.readContext(now, Map.of(), out, userColumns);
    store.readItems(requestCandidates[r], CANDIDATES, now, out, userColumns + contextColumns, itemColumns);
    return out;
  }

  /** A store loaded with the whole log, to which {@link #apply} keeps replaying it. */
  @State(Scope.Thread)
  public static class Ingest {
    OnlineFeatureStore store;
    int next;
    long shift;

    @Setup(Level.Trial)
    public void setUp() {
      store = Log.INSTANCE.loadedStore();
      shift = SPAN; // the replay starts where the loaded log ends
    }
  }

  /** One event applied: the throughput is in events/s. */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public void apply(Ingest ingest) {
    Log log = Log.INSTANCE;
    int e = ingest.next;
    ingest.store.apply(log.userIds[log.users[e]], log.itemIds[log.items[e]], log.types[e], log.values[e],
        log.times[e] + ingest.shift);
    if (++ingest.next == EVENTS) {
      ingest.next = 0;
      ingest.shift += SPAN;
    }
  }
}
