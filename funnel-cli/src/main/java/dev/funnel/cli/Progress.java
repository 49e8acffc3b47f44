package dev.funnel.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Progress of a long job: a redrawn bar on a terminal, a log line every few seconds otherwise (CI, pipes).
 * Thread-safe; updates arrive from worker threads and are throttled so that printing never slows the work.
 */
final class Progress implements AutoCloseable {
  private static final long TERMINAL_INTERVAL_NANOS = 200_000_000L;
  private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

  private final String label;
  private final long total;
  private final PrintStream out;
  private final boolean terminal;
  private final long start = System.nanoTime();
  private long lastPrint = start;
  private boolean printed;

  /** A job of {@code total} units (0 when unknown). */
  Progress(String label, long total) {
    this(label, total, System.err, System.console() != null);
  }

  Progress(String label, long total, PrintStream out, boolean terminal) {
    this.label = label;
    this.total = total;
    this.out = out;
    this.terminal = terminal;
  }

  synchronized void update(long done) {
    long now = System.nanoTime();
    if (now - lastPrint < (terminal ? TERMINAL_INTERVAL_NANOS : LOG_INTERVAL_NANOS)) {
      return;
    }
    lastPrint = now;
    printed = true;
    String line = line(done, now);
    if (terminal) {
      out.print("\r" + line);
    } else {
      out.println(line);
    }
    out.flush();
  }

  private String line(long done, long now) {
    double seconds = (now - start) / 1e9;
    String rate = String.format(Locale.ROOT, "%,.0f/s", done / Math.max(seconds, 1e-9));
    if (total <= 0) {
      return String.format(Locale.ROOT, "%s %,d (%s, %.1f s)", label, done, rate, seconds);
    }
    double share = Math.min(1, (double) done / total);
    int width = 30;
    int filled = (int) Math.round(share * width);
    return String.format(Locale.ROOT, "%s [%s%s] %5.1f%% %,d/%,d (%s, %.1f s)", label, "#".repeat(filled),
        " ".repeat(width - filled), 100 * share, done, total, rate, seconds);
  }

  @Override
  public synchronized void close() {
    if (terminal && printed) {
      out.print("\r\033[K");
      out.flush();
    }
  }
}
