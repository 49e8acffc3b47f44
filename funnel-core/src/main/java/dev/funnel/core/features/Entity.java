package dev.funnel.core.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a feature view describes; its features are looked up by that entity's id. */
public enum Entity {
  /** A user: aggregations over the user's events, the user's catalogue attributes. */
  USER,
  /** An item: aggregations over the events on the item, its catalogue attributes. */
  ITEM,
  /** The request: its hour and weekday, and what the client sends (device, surface). */
  CONTEXT;

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The entity called {@code name} in a configuration or a URL.
   *
   * @throws IllegalArgumentException listing the entities when there is none of that name
   */
  @JsonCreator
  public static Entity parse(String name) {
    for (Entity entity : values()) {
      if (entity.configName().equals(name)) {
        return entity;
      }
    }
    throw new IllegalArgumentException("unknown entity '" + name + "'; expected one of " + names());
  }

  static String names() {
    return Arrays.stream(values()).map(Entity::configName).collect(Collectors.joining(", "));
  }
}
