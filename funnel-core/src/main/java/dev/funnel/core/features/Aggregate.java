package dev.funnel.core.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How a feature folds the entity's events of its types into one number at a time t. An event's value is its
 * {@code value} field, 1 when it has none (a view counts once, a dwell its seconds).
 */
public enum Aggregate {
  /** How many events in the window. */
  COUNT(true),
  /** The sum of their values. */
  SUM(true),
  /** The mean of their values (missing without events). */
  MEAN(true),
  /** Events of the types over events of the {@code over} types, in the window (missing when there are none of those). */
  RATIO(true),
  /** The value of the latest event (the later one of equal times). */
  LAST(false),
  /** Days since the first event. */
  AGE(false),
  /** Hours since the latest event. */
  RECENCY(false);

  private final boolean windowed;

  Aggregate(boolean windowed) {
    this.windowed = windowed;
  }

  /** Whether a window may bound it (the others look at the whole history within the view's TTL). */
  public boolean windowed() {
    return windowed;
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException listing the aggregates when there is none of that name
   */
  @JsonCreator
  public static Aggregate parse(String name) {
    for (Aggregate aggregate : values()) {
      if (aggregate.configName().equals(name)) {
        return aggregate;
      }
    }
    throw new IllegalArgumentException("unknown aggregate '" + name + "'; expected one of "
        + Arrays.stream(values()).map(Aggregate::configName).collect(Collectors.joining(", ")));
  }
}
