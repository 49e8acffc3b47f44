package dev.funnel.server.serving;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.server.ServerMetrics;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.EventLog;
import dev.funnel.server.store.EventWeights;
import dev.funnel.server.store.HistoryStore;
import java.io.IOException;
import java.util.List;

/**
 * Accepting events, the feedback loop's entry: the batch is made durable in the event log first (and only then
 * acknowledged), then each event updates the user's live history — so the very next recommendation reflects it
 * (cached results are keyed by the history, so they go stale with it) — and marks the impression it answers.
 */
public final class EventService {
  private final EventLog log;
  private final HistoryStore histories;
  private final ImpressionWriter impressions;
  private final FeedbackConfig feedback;
  private final EventWeights weights;
  private final ServerMetrics metrics;

  public EventService(EventLog log, HistoryStore histories, ImpressionWriter impressions,
      FeedbackConfig feedback, ServerMetrics metrics) {
    this.log = log;
    this.histories = histories;
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
    for (Event event : batch) {
      weights.addTo(histories, event);
      if (event.requestId() != null) {
        impressions.acted(event.requestId(), event.item(), event.type());
      }
    }
    metrics.eventsAccepted(batch.size());
    return sequence;
  }
}
