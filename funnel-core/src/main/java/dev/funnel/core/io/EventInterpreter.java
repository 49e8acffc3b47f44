package dev.funnel.core.io;

import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeedbackConfig;

/**
 * Adds one generic event's fields, checked and weighed by {@link EventChecker}, to the dataset builder. Not
 * thread-safe.
 */
final class EventInterpreter {
  private final DatasetBuilder builder;
  private final EventChecker checker;

  EventInterpreter(DatasetBuilder builder, FeedbackConfig feedback) {
    this.builder = builder;
    this.checker = new EventChecker(feedback);
  }

  /**
   * Adds one event. {@code value} and {@code timestamp} may be null or empty when absent.
   *
   * @throws DataFormatException naming the field at fault
   */
  void add(String user, String item, String type, String value, String timestamp, Position at)
      throws DataFormatException {
    EventChecker.Checked event = checker.check(user, item, type, value, timestamp, at);
    builder.addEvent(user, item, event.type(), event.value(), event.weight(), event.isValue(), event.epochSeconds());
  }
}
