package dev.funnel.server.store;

import dev.funnel.core.data.FeedbackConfig;
import java.io.IOException;
import java.util.Locale;

/**
 * Turns an {@link Event} into the weight a {@link HistoryStore} aggregates, by the feedback configuration: an event
 * weighs what {@link FeedbackConfig#eventWeight} says. Immutable.
 */
public final class EventWeights {

  private final FeedbackConfig feedback;

  public EventWeights(FeedbackConfig feedback) {
    this.feedback = feedback;
  }

  /**
   * The event's weight; NaN for a value-typed event without a value, which carries no weight.
   *
   * @throws IllegalArgumentException when the configuration does not know the event's type
   */
  public float weight(Event event) {
    return feedback.eventWeight(event.type(), event.value());
  }

  /** Whether the event's weight replaces (rather than adds to) the pair's earlier ratings. */
  public boolean isValue(Event event) {
    return feedback.isValueType(event.type());
  }

  /** Whether the configuration knows the event's type. */
  public boolean knows(Event event) {
    return feedback.knows(event.type());
  }

  /**
   * The history update of the logged event of sequence number {@code sequence}, or null when it carries no weight.
   *
   * @throws IllegalArgumentException when the configuration does not know the event's type
   */
  public HistoryStore.Update update(long sequence, Event event) {
    float weight = weight(event);
    return Float.isNaN(weight) ? null
        : new HistoryStore.Update(sequence, event.user(), event.item(), event.type().toLowerCase(Locale.ROOT), weight,
            isValue(event),
            event.timestamp());
  }
}
