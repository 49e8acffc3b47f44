package dev.funnel.server.serving;

import dev.funnel.server.ServerMetrics;
import dev.funnel.server.store.ImpressionLog;
import java.io.IOException;
import java.util.Collection;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the impression log bounded: at start and then every hour, deletes the impressions older than the retention
 * ({@code store.impressionRetentionDays}) — except those of experiments not yet stopped, which their analysis still
 * reads — a chunk per transaction, so that recording never waits long behind it.
 */
public final class ImpressionRetention implements AutoCloseable {
  /** Impressions deleted per transaction. */
  static final int CHUNK = 5_000;
  private static final Logger LOG = LoggerFactory.getLogger(ImpressionRetention.class);

  private final ImpressionLog log;
  private final long retentionSeconds;
  private final Supplier<? extends Collection<String>> kept;
  private final ServerMetrics metrics;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
    Thread thread = new Thread(runnable, "funnel-impression-retention");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * @param retentionDays how long an impression is kept, ≥ 1
   * @param kept the ids of the experiments whose impressions stay whatever their age (asked at every pass)
   */
  ImpressionRetention(ImpressionLog log, int retentionDays, Supplier<? extends Collection<String>> kept,
      ServerMetrics metrics) {
    if (retentionDays < 1) {
      throw new IllegalArgumentException("impression retention must be at least 1 day, was " + retentionDays);
    }
    this.log = log;
    this.retentionSeconds = retentionDays * 86_400L;
    this.kept = kept;
    this.metrics = metrics;
  }

  /** Starts the hourly passes, the first now. */
  public static ImpressionRetention start(ImpressionLog log, int retentionDays,
      Supplier<? extends Collection<String>> kept, ServerMetrics metrics) {
    ImpressionRetention retention = new ImpressionRetention(log, retentionDays, kept, metrics);
    retention.scheduler.scheduleWithFixedDelay(retention::pass, 0, 1, TimeUnit.HOURS);
    return retention;
  }

  private void pass() {
    try {
      deleteExpired(System.currentTimeMillis() / 1000);
    } catch (IOException | RuntimeException e) {
      LOG.warn("deleting expired impressions failed (the next pass retries in an hour): {}", e.toString());
    }
  }

  /** One pass at time {@code now} (epoch seconds): deletes every expired impression; returns how many. */
  long deleteExpired(long now) throws IOException {
    long before = now - retentionSeconds;
    Collection<String> keep = kept.get();
    long deleted = 0;
    int chunk;
    do {
      chunk = log.deleteBefore(before, keep, CHUNK);
      deleted += chunk;
    } while (chunk == CHUNK);
    if (deleted > 0) {
      metrics.impressionsExpired(deleted);
      LOG.info("deleted {} impressions older than {} days", deleted, retentionSeconds / 86_400);
    }
    return deleted;
  }

  @Override
  public void close() throws InterruptedException {
    scheduler.shutdownNow();
    scheduler.awaitTermination(10, TimeUnit.SECONDS);
  }
}
