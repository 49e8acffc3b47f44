package dev.funnel.core.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a request-context feature reads. */
public enum ContextField {
  /** The request's hour of day, 0–23 (UTC). */
  HOUR(false),
  /** The request's ISO day of week, 1 (Monday) – 7 (UTC). */
  WEEKDAY(false),
  /** The device the client says it is (its index in the feature's {@code values}). */
  DEVICE(true),
  /** The surface (page, placement) the client says the list is for (its index in {@code values}). */
  SURFACE(true);

  private final boolean clientSent;

  ContextField(boolean clientSent) {
    this.clientSent = clientSent;
  }

  /** Whether the client sends it (and the feature lists its values), rather than it following from the time. */
  public boolean clientSent() {
    return clientSent;
  }

  @JsonValue
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * @throws IllegalArgumentException listing the fields when there is none of that name
   */
  @JsonCreator
  public static ContextField parse(String name) {
    for (ContextField field : values()) {
      if (field.configName().equals(name)) {
        return field;
      }
    }
    throw new IllegalArgumentException("unknown context '" + name + "'; expected one of "
        + Arrays.stream(values()).map(ContextField::configName).collect(Collectors.joining(", ")));
  }
}
