package dev.funnel.server.serving;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.server.ServerMetrics;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.EventWeights;
import dev.funnel.server.store.HistoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Accepting events, the feedback loop's entry: the batch is made durable in the event log first (and only then
 * acknowledged), then each event updates the feature store's live values and the user's live history — so the very
 * next feature read and recommendation reflect it (cached results are keyed by the history, so they go stale with
 * it) — and marks the impression it answers.
 *
 * <p>A shared history store (Redis) that fails an update does not fail the request, whose events are durable in
 * the log by then: the store is offered the events it missed again, from the log, every few seconds until it takes
 * them ({@link #catchUpEvery}); it applies each event's sequence number once, so nothing counts twice.
 */
public final class EventService {
  private static final Logger LOG = LoggerFactory.getLogger(EventService.class);
  /** Logged events offered to a history store per call when it is rebuilt or catches up. */
  private static final int REPLAY_CHUNK = 1_000;
  /** No events missed: the value of {@link #missedAfter} while the histories are whole. */
  private static final long WHOLE = Long.MAX_VALUE;

  private final EventLog log;
  private final HistoryStore histories;
  private final LiveFeatures features;
  private final ImpressionWriter impressions;
  private final FeedbackConfig feedback;
  private final EventWeights weights;
  private final ServerMetrics metrics;
  /** The sequence number after which the histories may lack events (a failed update), or {@link #WHOLE}. */
  private final AtomicLong missedAfter = new AtomicLong(WHOLE);

  public EventService(EventLog log, HistoryStore histories, LiveFeatures features, ImpressionWriter impressions,
      FeedbackConfig feedback, ServerMetrics metrics) {
    this.log = log;
    this.histories = histories;
    this.features = features;
    this.impressions = impressions;
    this.feedback = feedback;
    this.weights = new EventWeights(feedback);
    this.metrics = metrics;
  }

  public FeedbackConfig feedback() {
    return feedback;
  }

  /** Stores a validated batch durably and applies it; returns the last event's sequence number. */
  public long accept(List<Event> batch) throws IOException {
    long sequence = log.append(batch);
    apply(new EventLog.Appended(batch, sequence));
    return sequence;
  }

  /**
   * Stores a validated batch of an outside source exactly once (see {@link EventLog#appendFrom}) and applies the
   * events that were new; returns them.
   */
  public List<Event> acceptFrom(List<Event> batch, List<String> keys, String source, long position)
      throws IOException {
    EventLog.Appended appended = log.appendFrom(batch, keys, source, position);
    apply(appended);
    return appended.events();
  }

  /** Where {@code source} was last stored to by {@link #acceptFrom}, or -1. */
  public long position(String source) throws IOException {
    return log.position(source);
  }

  private void apply(EventLog.Appended appended) throws IOException {
    List<Event> batch = appended.events();
    features.apply(batch);
    List<HistoryStore.Update> updates = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      HistoryStore.Update update = weights.update(appended.sequence(i), batch.get(i));
      if (update != null) {
        updates.add(update);
      }
    }
    try {
      histories.addAll(updates); // at once: a shared store takes the batch in one round trip
    } catch (IOException e) {
      // durable in the log already: acknowledged, and offered to the histories again until they take it
      if (missedAfter.getAndAccumulate(appended.sequence(0) - 1, Math::min) == WHOLE) {
        LOG.warn("the history store failed an update ({}); the events are in the log and will be offered to it "
            + "again every few seconds", e.getMessage());
      }
      metrics.historyUpdateFailed();
    }
    for (Event event : batch) {
      if (event.requestId() != null) {
        impressions.acted(event.requestId(), event.item(), event.type());
      }
    }
    metrics.eventsAccepted(batch.size());
  }

  /**
   * Offers the histories the logged events they missed, if any; returns whether they are whole now. Events a
   * failing store misses meanwhile are offered at the next call.
   */
  public boolean catchUp() {
    long after = missedAfter.getAndSet(WHOLE);
    if (after == WHOLE) {
      return true;
    }
    try {
      long offered = replay(log, after, weights, histories);
      LOG.info("the history store took the {} events logged since it failed", offered);
      return missedAfter.get() == WHOLE;
    } catch (IOException | RuntimeException e) {
      missedAfter.accumulateAndGet(after, Math::min);
      return false;
    }
  }

  /** Calls {@link #catchUp} every {@code seconds} in a daemon thread, until the returned handle is closed. */
  public AutoCloseable catchUpEvery(int seconds) {
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "funnel-history-catch-up");
      t.setDaemon(true);
      return t;
    });
    timer.scheduleWithFixedDelay(this::catchUp, seconds, seconds, TimeUnit.SECONDS);
    return timer::shutdownNow;
  }

  /** Adds the logged events after sequence number {@code after} to {@code histories}; returns how many were read. */
  public static long replay(EventLog events, long after, EventWeights weights, HistoryStore histories)
      throws IOException {
    List<HistoryStore.Update> chunk = new ArrayList<>(REPLAY_CHUNK);
    long[] replayed = {0};
    try {
      events.replaySequenced(after, (sequence, event) -> {
        HistoryStore.Update update = weights.knows(event) ? weights.update(sequence, event) : null;
        if (update != null) {
          chunk.add(update);
        }
        if (chunk.size() == REPLAY_CHUNK) {
          addAll(histories, chunk);
        }
        replayed[0]++;
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    histories.addAll(chunk);
    return replayed[0];
  }

  private static void addAll(HistoryStore histories, List<HistoryStore.Update> chunk) {
    try {
      histories.addAll(chunk);
      chunk.clear();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
