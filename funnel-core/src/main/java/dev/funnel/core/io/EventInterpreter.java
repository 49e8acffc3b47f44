package dev.funnel.core.io;

import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeedbackConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one generic event's fields into a weighted event for the dataset builder, by the feedback configuration
 * ({@link FeedbackConfig#eventWeight}): a purchase with value 2 counts as two purchases, a rating weighs its value,
 * a dwell weighs its type's weight whatever its seconds. Not thread-safe.
 */
final class EventInterpreter {
  /** Field names, shared by the CSV header and the JSON keys. */
  static final String USER = "user";
  static final String ITEM = "item";
  static final String TYPE = "type";
  static final String VALUE = "value";
  static final String TIMESTAMP = "timestamp";

  private final DatasetBuilder builder;
  private final FeedbackConfig feedback;
  /** Resolved types by spelling: a file repeats a handful of types millions of times. */
  private final Map<String, EventType> types = new HashMap<>();

  private record EventType(String name, boolean isValue, boolean needsValue) {}

  EventInterpreter(DatasetBuilder builder, FeedbackConfig feedback) {
    this.builder = builder;
    this.feedback = feedback;
  }

  /**
   * Adds one event. {@code value} and {@code timestamp} may be null or empty when absent.
   *
   * @throws DataFormatException naming the field at fault
   */
  void add(String user, String item, String type, String value, String timestamp, Position at)
      throws DataFormatException {
    Cells.id(user, at, USER);
    Cells.id(item, at, ITEM);
    EventType eventType = resolve(type, at);
    boolean hasValue = value != null && !value.isEmpty();
    if (!hasValue && eventType.needsValue()) {
      throw at.error(VALUE, "event type '" + eventType.name() + "' needs a value");
    }
    float number = hasValue ? Cells.finiteNumber(value, at, VALUE) : Float.NaN;
    if (number < 0 && !eventType.isValue()) {
      throw at.error(VALUE, "must not be negative for event type '" + eventType.name() + "': '" + value + "'");
    }
    long time = timestamp == null || timestamp.isEmpty() ? 0 : Cells.epochSeconds(timestamp, at, TIMESTAMP);
    builder.addEvent(user, item, eventType.name(), number, feedback.eventWeight(eventType.name(), number),
        eventType.isValue(), time);
  }

  private EventType resolve(String type, Position at) throws DataFormatException {
    if (type == null) {
      throw at.error(TYPE, "missing; known types: " + feedback.knownTypes());
    }
    EventType resolved = types.get(type);
    if (resolved == null) {
      if (!feedback.knows(type)) {
        throw at.error(TYPE, "unknown event type '" + type + "'; known types: " + feedback.knownTypes());
      }
      String name = type.toLowerCase(Locale.ROOT);
      resolved = new EventType(name, feedback.isValueType(name), feedback.needsValue(name));
      types.put(type, resolved);
    }
    return resolved;
  }
}
