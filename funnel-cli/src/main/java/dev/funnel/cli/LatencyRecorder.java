package dev.funnel.cli;

import java.util.Arrays;
import java.util.Locale;

/** Latencies in nanoseconds, kept exactly (no histogram buckets) for nearest-rank percentiles. Thread-safe. */
final class LatencyRecorder {
  private long[] nanos = new long[1024];
  private int size;

  synchronized void record(long latencyNanos) {
    if (size == nanos.length) {
      nanos = Arrays.copyOf(nanos, size * 2);
    }
    nanos[size++] = latencyNanos;
  }

  synchronized int count() {
    return size;
  }

  /** The nearest-rank percentiles {@code p} in [0, 100], in milliseconds; NaN when nothing was recorded. */
  synchronized double[] percentilesMillis(double... p) {
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      int rank = (int) Math.ceil(p[i] / 100 * size);
      out[i] = size == 0 ? Double.NaN : sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }
    return out;
  }

  /** e.g. {@code p50 1.20 ms  p99 3.40 ms  max 9.00 ms} for the given percentiles (100 prints as max). */
  String summary(double... percentiles) {
    double[] values = percentilesMillis(percentiles);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < percentiles.length; i++) {
      double p = percentiles[i];
      String name = p == 100 ? "max" : "p" + (p == Math.rint(p) ? Long.toString((long) p) : Double.toString(p));
      out.append(out.length() == 0 ? "" : "  ").append(String.format(Locale.ROOT, "%s %.2f ms", name, values[i]));
    }
    return out.toString();
  }
}
