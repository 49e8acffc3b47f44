package dev.funnel.core.io;

import static dev.funnel.core.io.EventChecker.ITEM;
import static dev.funnel.core.io.EventChecker.TIMESTAMP;
import static dev.funnel.core.io.EventChecker.TYPE;
import static dev.funnel.core.io.EventChecker.USER;
import static dev.funnel.core.io.EventChecker.VALUE;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Reads a generic events CSV: a header naming {@code user,item,type} and optionally {@code value,timestamp}. */
final class CsvEvents {
  private static final List<String> COLUMNS = List.of(USER, ITEM, TYPE, VALUE, TIMESTAMP);
  private static final int ABSENT = -1;

  private CsvEvents() {}

  static void read(DelimitedRows rows, EventInterpreter events) throws IOException {
    String[] header = rows.header();
    int[] column = columnsByField(header, rows);
    while (rows.next()) {
      rows.requireWidth(header.length);
      events.add(
          rows.cell(column[0]), rows.cell(column[1]), rows.cell(column[2]),
          optional(rows, column[3]), optional(rows, column[4]), rows);
    }
  }

  /** Maps each of {@link #COLUMNS} to its position in the header, {@link #ABSENT} for a missing optional one. */
  private static int[] columnsByField(String[] header, Position rows) throws DataFormatException {
    int[] column = {ABSENT, ABSENT, ABSENT, ABSENT, ABSENT};
    List<String> unknown = new ArrayList<>();
    for (int c = 0; c < header.length; c++) {
      int field = COLUMNS.indexOf(header[c]);
      if (field < 0) {
        unknown.add("'" + header[c] + "'");
      } else if (column[field] != ABSENT) {
        throw rows.error(header[c], "column appears twice");
      } else {
        column[field] = c;
      }
    }
    if (!unknown.isEmpty()) {
      throw rows.error(null, "unknown column" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
          + "; expected user, item, type and optionally value, timestamp");
    }
    for (int field = 0; field < 3; field++) {
      if (column[field] == ABSENT) {
        throw rows.error(COLUMNS.get(field), "missing required column");
      }
    }
    return column;
  }

  private static String optional(DelimitedRows rows, int column) {
    return column == ABSENT ? null : rows.cell(column);
  }
}
