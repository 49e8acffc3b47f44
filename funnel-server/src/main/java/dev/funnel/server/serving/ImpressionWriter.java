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
 * Writes impressions, and the marks of events that answer them, off the request path: a request only enqueues
 * (no disk wait on the latency budget), one background thread stores them in order — so a click is always marked
 * after the impression it answers is stored, however fast it follows. If the writer falls behind by more than the
 * queue holds, new entries are dropped and counted ({@code funnel_impressions_dropped_total}) rather than slowing
 * serving down; a crash loses at most what was queued. Events themselves are durable before they are acknowledged
 * (they carry their request id, so the join can always be recomputed from the event log).
 */
public final class ImpressionWriter implements AutoCloseable {
  private static final int QUEUE = 65_536;

  private final ImpressionLog log;
  private final ServerMetrics metrics;
  private final LiveFeedback feedback;
  /** One write: an impression, or an answering event's mark. */
  private sealed interface Entry permits Shown, Acted {}

  private record Shown(Impression impression) implements Entry {}

  private record Acted(String requestId, String item, String type) implements Entry {}

  private final BlockingQueue<Entry> queue = new ArrayBlockingQueue<>(QUEUE);
  private final java.util.List<java.util.function.Consumer<Impression>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Thread writer;
  private final AtomicLong queued = new AtomicLong();
  private final AtomicLong handled = new AtomicLong();
  private volatile boolean closing;

  /** @param feedback counts what is stored as shown and as acted on (exploration reads it) */
  public ImpressionWriter(ImpressionLog log, ServerMetrics metrics, LiveFeedback feedback) {
    this.log = log;
    this.metrics = metrics;
    this.feedback = feedback;
    this.writer = new Thread(this::drain, "funnel-impressions");
    writer.setDaemon(true);
    writer.start();
  }

  /** Logs what {@code response} showed, served by {@code arm} of {@code experiment} (both null when none). */
  void record(RecommendationService.Response response, String experiment, String arm, float latencyMs) {
    List<String> shown = response.items().stream().map(RecommendationService.Item::item).toList();
    enqueue(new Shown(new Impression(response.requestId(), response.user(), shown,
        System.currentTimeMillis() / 1000, response.model(), experiment, arm, latencyMs)));
  }

  /** Calls {@code listener} with each impression once it is stored, in the order stored (the writer's thread). */
  public void addListener(java.util.function.Consumer<Impression> listener) {
    listeners.add(listener);
  }

  /** Marks {@code item} of impression {@code requestId} as acted on, after everything queued before. */
  public void acted(String requestId, String item, String type) {
    enqueue(new Acted(requestId, item, type));
  }

  private void enqueue(Entry entry) {
    if (queue.offer(entry)) {
      queued.incrementAndGet();
    } else {
      metrics.impressionDropped();
    }
  }

  private void drain() {
    while (!closing || !queue.isEmpty()) {
      try {
        Entry next = queue.poll(100, TimeUnit.MILLISECONDS);
        if (next != null) {
          store(next);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void store(Entry entry) {
    try {
      if (entry instanceof Shown shown) {
        log.record(shown.impression());
        feedback.shown(shown.impression().items());
        listeners.forEach(listener -> listener.accept(shown.impression()));
      } else if (entry instanceof Acted acted && log.markActed(acted.requestId(), acted.item(), acted.type())) {
        feedback.acted(acted.item());
      }
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
