package dev.funnel.core.io;

import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Feature column names with a kind suffix ({@code price:num}), and cell text stored by the column's kind. */
final class FeatureCells {
  private static final String KINDS =
      Arrays.stream(FeatureKind.values()).map(FeatureKind::suffix).collect(Collectors.joining(", "));

  private FeatureCells() {}

  /** A feature's name and kind, as a header declares them. */
  record Declared(String name, FeatureKind kind) {}

  /**
   * Splits {@code name:kind}; a name without a suffix is categorical unless {@code unsuffixed} says otherwise.
   *
   * @param unsuffixed the kind of a name without suffix, or null to leave it for the caller to infer
   * @throws DataFormatException if the suffix names no kind or the name is empty
   */
  static Declared declared(String header, FeatureKind unsuffixed, Position at) throws DataFormatException {
    int colon = header.lastIndexOf(':');
    String name = colon < 0 ? header : header.substring(0, colon).strip();
    FeatureKind kind = unsuffixed;
    if (colon >= 0) {
      String suffix = header.substring(colon + 1).strip();
      kind = FeatureKind.fromSuffix(suffix);
      if (kind == null) {
        throw at.error(header, "unknown feature kind '" + suffix + "'; expected one of " + KINDS);
      }
    }
    if (name.isEmpty()) {
      throw at.error(header, "feature name is empty");
    }
    return new Declared(name, kind);
  }

  /**
   * Stores {@code text} in {@code column} at {@code row}, parsed by the column's kind; empty text is a missing
   * value. Multi-valued text is split at {@code |}, dropping empty parts.
   *
   * @throws DataFormatException if a number or time does not parse
   */
  static void set(FeatureTable.ColumnBuilder column, int row, String text, Position at, String field)
      throws DataFormatException {
    if (text.isEmpty()) {
      return;
    }
    switch (column.kind()) {
      case CATEGORICAL -> column.setCategorical(row, text);
      case MULTI_VALUED -> column.setMultiValued(row, splitValues(text));
      case NUMERIC -> column.setNumeric(row, Cells.finiteNumber(text, at, field));
      case TIME -> column.setTime(row, Cells.epochSeconds(text, at, field));
      case TEXT -> column.setText(row, text);
    }
  }

  /** {@code a|b|c} → its non-blank parts, stripped, in order. */
  static List<String> splitValues(String text) {
    List<String> values = new ArrayList<>();
    int start = 0;
    while (start <= text.length()) {
      int bar = text.indexOf('|', start);
      int end = bar < 0 ? text.length() : bar;
      String value = text.substring(start, end).strip();
      if (!value.isEmpty()) {
        values.add(value);
      }
      start = end + 1;
    }
    return values;
  }
}
