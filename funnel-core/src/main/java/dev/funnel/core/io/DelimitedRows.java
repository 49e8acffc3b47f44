package dev.funnel.core.io;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.csv.CsvFactory;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The rows of a delimited text file, streamed by Jackson's CSV parser, each with the line it starts on. Blank lines
 * are skipped. The current row's cells live in a reused buffer: read them before moving on. Not thread-safe.
 */
final class DelimitedRows implements Position, Closeable {
  private static final CsvFactory FACTORY = new CsvFactory();
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  private final String file;
  private final CsvParser parser;
  private String[] cells = new String[16];
  private int width;
  private int line;

  private DelimitedRows(String file, InputStream in, Charset charset, CsvSchema schema) throws IOException {
    this.file = file;
    this.parser = FACTORY.createParser(new InputStreamReader(in, charset));
    parser.setSchema(schema);
  }

  /** Comma-separated UTF-8 with double-quoted cells ({@code "a, b"}; {@code ""} inside quotes is a quote). */
  static DelimitedRows csv(String file, InputStream in) throws IOException {
    return new DelimitedRows(file, in, StandardCharsets.UTF_8, CsvSchema.emptySchema());
  }

  /** Cells split at every {@code separator}, with no quoting at all (the MovieLens 100K files). */
  static DelimitedRows unquoted(String file, InputStream in, char separator, Charset charset) throws IOException {
    return new DelimitedRows(
        file, in, charset, CsvSchema.emptySchema().withColumnSeparator(separator).withoutQuoteChar());
  }

  /** Moves to the next non-blank row; false at the end of the file. */
  boolean next() throws IOException {
    do {
      if (!readRow()) {
        return false;
      }
    } while (width == 1 && cells[0].isBlank());
    return true;
  }

  /**
   * Reads the header row and checks it is exactly {@code names}.
   *
   * @throws DataFormatException if the file is empty or the header differs
   */
  void requireHeader(String... names) throws IOException {
    String[] header = header();
    if (!Arrays.equals(header, names)) {
      throw error(null, "expected the header " + String.join(",", names) + ", found " + String.join(",", header));
    }
  }

  /**
   * Reads the header row, its names stripped of surrounding blanks (and of a byte-order mark).
   *
   * @throws DataFormatException if the file has no rows
   */
  String[] header() throws IOException {
    if (!next()) {
      throw new DataFormatException(file, 0, null, "empty file: expected a header line");
    }
    String[] header = new String[width];
    for (int c = 0; c < width; c++) {
      header[c] = cells[c].strip();
    }
    if (header.length > 0 && !header[0].isEmpty() && header[0].charAt(0) == BYTE_ORDER_MARK) {
      header[0] = header[0].substring(1).strip();
    }
    return header;
  }

  /** Checks the current row has {@code expected} cells. */
  void requireWidth(int expected) throws DataFormatException {
    if (width != expected) {
      throw error(null, "expected " + expected + " columns, found " + width);
    }
  }

  /** Number of cells in the current row. */
  int width() {
    return width;
  }

  /** Cell {@code column} of the current row, as written (never null). */
  String cell(int column) {
    return cells[column];
  }

  /** The line the current row starts on (1-based). */
  int line() {
    return line;
  }

  @Override
  public DataFormatException error(String field, String detail) {
    return new DataFormatException(file, line, field, detail);
  }

  @Override
  public void close() throws IOException {
    parser.close();
  }

  /** Without a schema's column names, Jackson exposes each row as an array of strings. */
  private boolean readRow() throws IOException {
    try {
      JsonToken token = parser.nextToken();
      if (token == null) {
        return false;
      }
      width = 0;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (width == 0) {
          line = parser.currentTokenLocation().getLineNr();
        }
        if (width == cells.length) {
          cells = Arrays.copyOf(cells, 2 * width);
        }
        cells[width++] = parser.getText();
      }
      return true;
    } catch (StreamReadException e) {
      int at = e.getLocation() == null ? line : e.getLocation().getLineNr();
      throw new DataFormatException(file, Math.max(at, 0), null, "malformed CSV: " + e.getOriginalMessage(), e);
    }
  }
}
