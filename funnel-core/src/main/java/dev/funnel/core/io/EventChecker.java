package dev.funnel.core.io;

import dev.funnel.core.data.FeedbackConfig;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Checks one generic event's fields and weighs it by the feedback configuration ({@link
 * FeedbackConfig#eventWeight}): a purchase with value 2 counts as two purchases, a rating weighs its value, a dwell
 * weighs its type's weight whatever its seconds. The single-node readers and the Spark jobs share it, so both accept
 * and weigh the same events. Not thread-safe (it caches resolved types).
 */
public final class EventChecker {
  /** Field names, shared by the CSV header, the JSON keys and Spark's columns. */
  public static final String USER = "user";
  public static final String ITEM = "item";
  public static final String TYPE = "type";
  public static final String VALUE = "value";
  public static final String TIMESTAMP = "timestamp";

  /**
   * An accepted event.
   *
   * @param type its type, lower case
   * @param value its raw value, NaN when it has none
   * @param weight what it weighs in its interaction
   * @param isValue whether it is value-typed (a rating): its weight replaces the pair's earlier ones
   * @param epochSeconds its time, 0 when it has none
   */
  public record Checked(String type, float value, float weight, boolean isValue, long epochSeconds) {}

  private record EventType(String name, boolean isValue, boolean needsValue) {}

  private final FeedbackConfig feedback;
  /** Resolved types by spelling: a file repeats a handful of types millions of times. */
  private final Map<String, EventType> types = new HashMap<>();

  public EventChecker(FeedbackConfig feedback) {
    this.feedback = feedback;
  }

  /**
   * Checks and weighs one event. {@code value} and {@code timestamp} may be null or empty when absent.
   *
   * @param at where the event is, for the error
   * @throws DataFormatException naming the field at fault
   */
  public Checked check(String user, String item, String type, String value, String timestamp, Position at)
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
      throw at.error(VALUE,
          "must not be negative for event type '" + eventType.name() + "': '" + value + "'");
    }
    long time = timestamp == null || timestamp.isEmpty() ? 0
        : Cells.epochSeconds(timestamp, at, TIMESTAMP);
    return new Checked(eventType.name(), number, feedback.eventWeight(eventType.name(), number), eventType.isValue(),
        time);
  }

  private EventType resolve(String type, Position at) throws DataFormatException {
    if (type == null) {
      throw at.error(TYPE, "missing; known types: " + feedback.knownTypes());
    }
    EventType resolved = types.get(type);
    if (resolved == null) {
      if (!feedback.knows(type)) {
        throw at.error(TYPE, "unknown event type '" + type + "'; known types: "
            + feedback.knownTypes());
      }
      String name = type.toLowerCase(Locale.ROOT);
      resolved = new EventType(name, feedback.isValueType(name), feedback.needsValue(name));
      types.put(type, resolved);
    }
    return resolved;
  }
}
