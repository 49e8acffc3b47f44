package dev.funnel.core.io;

import static dev.funnel.core.io.EventChecker.ITEM;
import static dev.funnel.core.io.EventChecker.TIMESTAMP;
import static dev.funnel.core.io.EventChecker.TYPE;
import static dev.funnel.core.io.EventChecker.USER;
import static dev.funnel.core.io.EventChecker.VALUE;

import java.io.IOException;

/** Reads a generic events JSON Lines file: one object per line with the CSV's field names. */
final class JsonlEvents {
  private JsonlEvents() {}

  static void read(JsonLines lines, EventInterpreter events) throws IOException {
    while (lines.nextObject()) {
      String user = null;
      String item = null;
      String type = null;
      String value = null;
      String timestamp = null;
      for (String field = lines.nextField(); field != null; field = lines.nextField()) {
        switch (field) {
          case USER -> user = lines.scalar(field);
          case ITEM -> item = lines.scalar(field);
          case TYPE -> type = lines.scalar(field);
          case VALUE -> value = lines.scalar(field);
          case TIMESTAMP -> timestamp = lines.scalar(field);
          default -> throw lines.error(
              field, "unknown field; expected user, item, type and optionally value, timestamp");
        }
      }
      require(user, USER, lines);
      require(item, ITEM, lines);
      require(type, TYPE, lines);
      events.add(user, item, type, value, timestamp, lines);
    }
  }

  private static void require(String value, String field, Position at) throws DataFormatException {
    if (value == null) {
      throw at.error(field, "missing required field");
    }
  }
}
