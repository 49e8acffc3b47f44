package dev.funnel.core.synth;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the small comma-separated truth files, which hold no quotes or embedded commas. Each row carries its
 * file and line number at the end, so errors can name them.
 */
final class TruthCsv {
  private TruthCsv() {}

  /** The rows after the header, each split into fields plus a last element "file:line" for messages. */
  static List<String[]> read(Path dir, String file, String header) throws IOException {
    List<String[]> rows = new ArrayList<>();
    int columns = header.split(",").length;
    try (BufferedReader in = Files.newBufferedReader(dir.resolve(file), StandardCharsets.UTF_8)) {
      String first = in.readLine();
      if (!header.equals(first)) {
        throw new IOException(file + ": expected the header '" + header + "', found '" + first + "'");
      }
      int lineNumber = 1;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        lineNumber++;
        if (line.isEmpty()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (fields.length != columns) {
          throw new IOException(file + ":" + lineNumber + ": expected " + columns + " fields, found "
              + fields.length);
        }
        String[] row = new String[columns + 1];
        System.arraycopy(fields, 0, row, 0, columns);
        row[columns] = file + ":" + lineNumber;
        rows.add(row);
      }
    }
    return rows;
  }

  static String field(String[] row, int column) throws IOException {
    if (row[column].isEmpty()) {
      throw error(row, "field " + (column + 1) + " is empty");
    }
    return row[column];
  }

  static int integer(String[] row, int column) throws IOException {
    try {
      return Integer.parseInt(row[column]);
    } catch (NumberFormatException e) {
      throw error(row, "field " + (column + 1) + " is not an integer: '" + row[column] + "'");
    }
  }

  static double number(String[] row, int column) throws IOException {
    try {
      double value = Double.parseDouble(row[column]);
      if (Double.isFinite(value)) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error(row, "field " + (column + 1) + " is not a finite number: '" + row[column] + "'");
  }

  static IOException error(String[] row, String message) {
    return new IOException(row[row.length - 1] + ": " + message);
  }
}
