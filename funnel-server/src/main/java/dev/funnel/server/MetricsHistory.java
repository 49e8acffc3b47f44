package dev.funnel.server;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The last hour of {@link ServerMetrics} as time series, for the dashboard: every {@value #INTERVAL_SECONDS} s it
 * reads the server's counters and histograms and stores, per interval, requests and events per second, the cache
 * hit rate, and per route and per stage the rate and the p50/p99 latency (interpolated within the histogram
 * buckets, as Prometheus' {@code histogram_quantile} does). A fixed ring of {@value #POINTS} points per series, at
 * most {@value #MAX_SERIES} series: memory does not grow with uptime. Thread-safe (sampling and reading lock).
 */
public final class MetricsHistory implements AutoCloseable {
  public static final int INTERVAL_SECONDS = 10;
  static final int POINTS = 360;
  /** Routes and stages are fixed sets in practice; the cap keeps a misbehaving label from growing memory. */
  static final int MAX_SERIES = 128;

  private final ServerMetrics metrics;
  private final long[] times = new long[POINTS];
  /** Series name → values aligned with {@link #times} (NaN where nothing was measured). */
  private final Map<String, float[]> series = new LinkedHashMap<>();
  /** The cumulative values seen at the previous sample, by series, to take differences from. */
  private final Map<String, long[]> previousBuckets = new HashMap<>();
  private final Map<String, Double> previousCounts = new HashMap<>();
  private long previousTime = -1;
  private int next;
  private int size;
  private final ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "funnel-metrics-history");
    t.setDaemon(true);
    return t;
  });

  public MetricsHistory(ServerMetrics metrics) {
    this.metrics = metrics;
    for (String name : List.of("requests", "events", "cacheHitRate")) { // present from the start, if empty
      put(name, 0, Double.NaN);
    }
  }

  /** Samples now and then every {@value #INTERVAL_SECONDS} s until closed. */
  public MetricsHistory start() {
    schedule.scheduleAtFixedRate(() -> sample(System.currentTimeMillis() / 1000), 0, INTERVAL_SECONDS,
        TimeUnit.SECONDS);
    return this;
  }

  /**
   * Reads the metrics at {@code epochSecond} and adds the interval since the previous sample as a point (the first
   * sample only sets the baseline).
   */
  public synchronized void sample(long epochSecond) {
    double seconds = previousTime < 0 ? Double.NaN : Math.max(1, epochSecond - previousTime);
    int slot = next;
    if (previousTime >= 0) {
      times[slot] = epochSecond;
      for (float[] values : series.values()) {
        values[slot] = Float.NaN;
      }
    }
    double requests = histograms(metrics.requestSeconds.collect(), "route", slot, seconds);
    histograms(metrics.stageSeconds.collect(), "stage", slot, seconds);
    double events = delta("events", total(metrics.events.collect(), null));
    double hits = delta("cache.hit", total(metrics.cacheLookups.collect(), "hit"));
    double misses = delta("cache.miss", total(metrics.cacheLookups.collect(), "miss"));
    if (previousTime >= 0) {
      put("requests", slot, requests / seconds);
      put("events", slot, events / seconds);
      put("cacheHitRate", slot, hits + misses == 0 ? Double.NaN : hits / (hits + misses));
      next = (next + 1) % POINTS;
      size = Math.min(size + 1, POINTS);
    }
    previousTime = epochSecond;
  }

  /** Adds rate and p50/p99 per label value; returns the number of observations in the interval, all labels. */
  private double histograms(HistogramSnapshot snapshot, String kind, int slot, double seconds) {
    double all = 0;
    for (HistogramSnapshot.HistogramDataPointSnapshot point : snapshot.getDataPoints()) {
      String name = kind + ":" + point.getLabels().getValue(0);
      ClassicHistogramBuckets buckets = point.getClassicBuckets();
      long[] now = new long[buckets.size()];
      for (int i = 0; i < now.length; i++) {
        now[i] = buckets.getCount(i);
      }
      long[] before = previousBuckets.put(name, now);
      if (previousTime < 0) {
        continue;
      }
      long n = 0;
      long[] interval = new long[now.length];
      for (int i = 0; i < now.length; i++) {
        interval[i] = now[i] - (before == null ? 0 : before[i]);
        n += interval[i];
      }
      all += n;
      put(name + ":perSecond", slot, n / seconds);
      put(name + ":p50Ms", slot, 1000 * quantile(0.5, buckets, interval, n));
      put(name + ":p99Ms", slot, 1000 * quantile(0.99, buckets, interval, n));
    }
    return all;
  }

  /**
   * The q-quantile of {@code n} observations counted per bucket, interpolated linearly within its bucket; the
   * lower bound of the last (infinite) bucket when it falls there; NaN when {@code n} is 0.
   */
  static double quantile(double q, ClassicHistogramBuckets buckets, long[] counts, long n) {
    if (n == 0) {
      return Double.NaN;
    }
    double rank = q * n;
    long below = 0;
    for (int i = 0; i < counts.length; i++) {
      double lower = i == 0 ? 0 : buckets.getUpperBound(i - 1);
      double upper = buckets.getUpperBound(i);
      if (below + counts[i] >= rank && counts[i] > 0) {
        return Double.isInfinite(upper) ? lower : lower + (upper - lower) * (rank - below) / counts[i];
      }
      below += counts[i];
    }
    return Double.NaN; // not reached: the counts add up to n ≥ rank
  }

  /** The sum of a counter's data points, or of those whose first label is {@code label}. */
  private static double total(CounterSnapshot snapshot, String label) {
    double sum = 0;
    for (CounterSnapshot.CounterDataPointSnapshot point : snapshot.getDataPoints()) {
      if (label == null || label.equals(point.getLabels().getValue(0))) {
        sum += point.getValue();
      }
    }
    return sum;
  }

  private double delta(String name, double total) {
    Double before = previousCounts.put(name, total);
    return total - (before == null ? 0 : before);
  }

  private void put(String name, int slot, double value) {
    float[] values = series.get(name);
    if (values == null) {
      if (series.size() == MAX_SERIES) {
        return;
      }
      values = new float[POINTS];
      Arrays.fill(values, Float.NaN);
      series.put(name, values);
    }
    values[slot] = (float) value;
  }

  /**
   * The stored points, oldest first: {@code times} (epoch seconds at each interval's end), {@code requests} and
   * {@code events} per second, {@code cacheHitRate}, and {@code routes} / {@code stages}: name → {@code perSecond},
   * {@code p50Ms}, {@code p99Ms}. A value is null where nothing was measured.
   */
  public synchronized Map<String, Object> json() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("intervalSeconds", INTERVAL_SECONDS);
    int first = (next - size + POINTS) % POINTS;
    List<Long> t = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      t.add(times[(first + i) % POINTS]);
    }
    out.put("times", t);
    Map<String, Map<String, Object>> routes = new LinkedHashMap<>();
    Map<String, Map<String, Object>> stages = new LinkedHashMap<>();
    for (Map.Entry<String, float[]> e : series.entrySet()) {
      List<Float> values = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        float v = e.getValue()[(first + i) % POINTS];
        values.add(Float.isNaN(v) ? null : v);
      }
      String key = e.getKey();
      int kind = key.indexOf(':');
      int metric = key.lastIndexOf(':');
      if (kind < 0) {
        out.put(key, values);
      } else {
        (key.startsWith("route:") ? routes : stages)
            .computeIfAbsent(key.substring(kind + 1, metric), k -> new LinkedHashMap<>())
            .put(key.substring(metric + 1), values);
      }
    }
    out.put("routes", routes);
    out.put("stages", stages);
    return out;
  }

  @Override
  public void close() {
    schedule.shutdownNow();
  }
}
