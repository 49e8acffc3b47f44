package dev.funnel.core.features;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A positive length of time, written {@code 45s}, {@code 15m}, {@code 1h}, {@code 7d} or {@code 2w} (a bare number
 * is seconds).
 *
 * @param seconds the length in seconds, positive
 */
public record Span(long seconds) {
  private static final long MAX_SECONDS = 3_650L * 86_400L;

  public Span {
    if (seconds <= 0 || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException("a time span must be positive and at most 3650d, was " + seconds + " s");
    }
  }

  /**
   * Parses {@code 45s}, {@code 15m}, {@code 1h}, {@code 7d}, {@code 2w} or a bare number of seconds.
   *
   * @throws IllegalArgumentException naming the text when it is none of these or not positive
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Span parse(String text) {
    String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    long unit = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
      case 's' -> 1;
      case 'm' -> 60;
      case 'h' -> 3_600;
      case 'd' -> 86_400;
      case 'w' -> 7 * 86_400;
      default -> 0;
    };
    String digits = unit == 0 ? t : t.substring(0, t.length() - 1);
    try {
      long amount = Long.parseLong(digits);
      if (amount <= 0 || amount > MAX_SECONDS) {
        throw new IllegalArgumentException("a time span must be positive and at most 3650d, was '" + text + "'");
      }
      return new Span(amount * Math.max(unit, 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("'" + text + "' is not a time span: write it as 45s, 15m, 1h, 7d or 2w");
    }
  }

  /** The shortest spelling: {@code 7d} rather than {@code 604800s}. */
  @JsonValue
  @Override
  public String toString() {
    for (var unit : new Object[][] {{7 * 86_400L, "w"}, {86_400L, "d"}, {3_600L, "h"}, {60L, "m"}}) {
      if (seconds % (long) unit[0] == 0) {
        return seconds / (long) unit[0] + (String) unit[1];
      }
    }
    return seconds + "s";
  }
}
