package dev.funnel.core.io;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Parses the numbers and instants that cells hold, failing with the field and the offending text. */
final class Cells {
  private Cells() {}

  /**
   * A user or item id, as written.
   *
   * @throws DataFormatException if it is empty or blank
   */
  static String id(String text, Position at, String field) throws DataFormatException {
    if (text.isBlank()) {
      throw at.error(field, "empty id");
    }
    return text;
  }

  /**
   * A finite number, as Java writes decimals ({@code 4}, {@code -0.5}, {@code 1e3}).
   *
   * @throws DataFormatException if {@code text} is not a number or does not fit a finite float
   */
  static float finiteNumber(String text, Position at, String field) throws DataFormatException {
    float value;
    try {
      value = looksNumeric(text) ? (float) Double.parseDouble(text) : Float.NaN;
    } catch (NumberFormatException e) {
      value = Float.NaN;
    }
    if (Float.isNaN(value)) {
      throw at.error(field, "not a number: '" + text + "'");
    }
    if (Float.isInfinite(value)) {
      throw at.error(field, "not a finite number: '" + text + "'");
    }
    return value;
  }

  /**
   * An instant in epoch seconds, written as an integer ({@code 1709287200}), an ISO-8601 instant with an offset
   * ({@code 2024-03-01T10:00:00Z}, {@code 2024-03-01T11:00:00+01:00}) or an ISO-8601 date (its midnight, UTC).
   *
   * @throws DataFormatException if {@code text} is none of these
   */
  static long epochSeconds(String text, Position at, String field) throws DataFormatException {
    try {
      if (isInteger(text)) {
        return Long.parseLong(text);
      }
      if (text.length() == 10) {
        return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toEpochSecond();
      }
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toEpochSecond();
    } catch (NumberFormatException | DateTimeParseException e) {
      throw at.error(field, "not epoch seconds or an ISO-8601 instant: '" + text + "'");
    }
  }

  /** Cheap checks that keep Java's extra spellings ({@code NaN}, {@code 1f}, {@code Infinity}) out. */
  private static boolean looksNumeric(String text) {
    if (text.isEmpty()) {
      return false;
    }
    char last = text.charAt(text.length() - 1);
    return (last >= '0' && last <= '9') || last == '.';
  }

  private static boolean isInteger(String text) {
    int start = text.startsWith("-") ? 1 : 0;
    if (text.length() == start) {
      return false;
    }
    for (int k = start; k < text.length(); k++) {
      char c = text.charAt(k);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
