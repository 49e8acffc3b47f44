package dev.funnel.core.io;

import java.io.IOException;

/**
 * Bad input in a dataset file. The message reads {@code <file>:<line>: field '<field>': <detail>}, leaving out the
 * line when the problem concerns the whole file and the field when it concerns the whole line.
 */
public final class DataFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final String field;
  private final String detail;

  /**
   * @param file the file's name
   * @param line 1-based line, or 0 for the whole file
   * @param field the column or key at fault, or null for the whole line
   * @param detail what is wrong, quoting the offending value
   */
  public DataFormatException(String file, int line, String field, String detail) {
    this(file, line, field, detail, null);
  }

  /** The same, caused by a parser's exception. */
  public DataFormatException(String file, int line, String field, String detail, Throwable cause) {
    super(message(file, line, field, detail), cause);
    this.file = file;
    this.line = line;
    this.field = field;
    this.detail = detail;
  }

  private static String message(String file, int line, String field, String detail) {
    StringBuilder message = new StringBuilder(file);
    if (line > 0) {
      message.append(':').append(line);
    }
    if (field != null) {
      message.append(": field '").append(field).append('\'');
    }
    return message.append(": ").append(detail).toString();
  }

  /** The name of the file at fault. */
  public String getFile() {
    return file;
  }

  /** The 1-based line at fault, or 0 when the problem concerns the whole file. */
  public int getLine() {
    return line;
  }

  /** The column or key at fault, or null when the problem concerns the whole line. */
  public String getField() {
    return field;
  }

  /** What is wrong, without the location. */
  public String getDetail() {
    return detail;
  }
}
