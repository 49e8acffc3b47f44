package dev.funnel.server.serving;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.server.ServerMetrics;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.EventWeights;
import dev.funnel.server.store.HistoryStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Accepting events, the feedback loop's entry: the batch is made durable in the event log first (and only then
 * acknowledged), then each event updates the feature store's live values and the user's live history — so the very
 * next feature read and recommendation reflect it (cached results are keyed by the history, so they go stale with
 * it) — and marks the impression it answers.
 */
public final class EventService {
  private final EventLog log;
  private final HistoryStore histories;
  private final LiveFeatures features;
  private final ImpressionWriter impressions;
  private final FeedbackConfig feedback;
  private final EventWeights weights;
  private final ServerMetrics metrics;

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
    histories.addAll(updates); // at once: a shared store takes the batch in one round trip
    for (Event event : batch) {
      if (event.requestId() != null) {
        impressions.acted(event.requestId(), event.item(), event.type());
      }
    }
    metrics.eventsAccepted(batch.size());
  }
}
