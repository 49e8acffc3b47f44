package dev.funnel.core.io;

/** Where a reader is in a file: it turns a complaint about a field into an error naming the file and line. */
public interface Position {
  /** An error at the current line; {@code field} may be null when the whole line is at fault. */
  DataFormatException error(String field, String detail);
}
