package dev.funnel.server.serving;

import dev.funnel.server.ServerMetrics;
import dev.funnel.server.store.Impression;
import dev.funnel.server.store.ImpressionLog;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes impressions off the request path: a request only enqueues (no disk wait on the latency budget), one
 * background thread stores them in order. If the writer falls behind by more than the queue holds, new impressions
 * are dropped and counted ({@code funnel_impressions_dropped_total}) rather than slowing serving down; a crash
 * loses at most what was queued. Events, unlike impressions, are durable before they are acknowledged.
 */
public final class ImpressionWriter implements AutoCloseable {
  private static final int QUEUE = 65_536;

  private final ImpressionLog log;
  private final ServerMetrics metrics;
  private final BlockingQueue<Impression> queue = new ArrayBlockingQueue<>(QUEUE);
  private final Thread writer;
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private volatile boolean closing;

  public ImpressionWriter(ImpressionLog log, ServerMetrics metrics) {
    this.log = log;
    this.metrics = metrics;
    this.writer = new Thread(this::drain, "funnel-impressions");
    writer.setDaemon(true);
    writer.start();
  }

  void record(String requestId, String user, List<RecommendationService.Item> items, String model) {
    List<String> shown = items.stream().map(RecommendationService.Item::item).toList();
    if (queue.offer(new Impression(requestId, user, shown, System.currentTimeMillis() / 1000, model))) {
      queued.incrementAndGet();
    } else {
      metrics.impressionDropped();
    }
  }

  private void drain() {
    while (!closing || !queue.isEmpty()) {
      try {
        Impression next = queue.poll(100, TimeUnit.MILLISECONDS);
        if (next != null) {
          store(next);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void store(Impression impression) {
    try {
      log.record(impression);
    } catch (Exception e) {
      metrics.impressionDropped(); // a store error must not kill the writer
    } finally {
      handled.incrementAndGet();
    }
  }

  /** Waits until everything queued before the call is stored (tests, shutdown). */
  public void flush() throws InterruptedException {
    long target = queued.get();
    while (handled.get() < target) {
      Thread.sleep(2);
    }
  }

  @Override
  public void close() throws InterruptedException {
    closing = true;
    writer.join(10_000);
  }
}
