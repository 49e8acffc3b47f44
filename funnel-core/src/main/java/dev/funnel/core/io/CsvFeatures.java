package dev.funnel.core.io;

import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;

/**
 * Reads a feature CSV: the key column ({@code item} or {@code user}) first, then one column per feature named
 * {@code name:kind} ({@code price:num}); a name without suffix is categorical. Empty cells are missing values.
 */
final class CsvFeatures {
  private CsvFeatures() {}

  static void read(DelimitedRows rows, FeatureEntity entity, DatasetBuilder builder) throws IOException {
    String[] header = rows.header();
    if (!header[0].equals(entity.key())) {
      throw rows.error(header[0], "the first column must be '" + entity.key() + "'");
    }
    FeatureTable.ColumnBuilder[] columns = declare(header, entity.table(builder), rows);
    SeenIds seen = new SeenIds();
    while (rows.next()) {
      rows.requireWidth(header.length);
      String id = Cells.id(rows.cell(0), rows, entity.key());
      int row = entity.register(builder, id);
      seen.add(row, id, rows, entity.key());
      for (int c = 1; c < header.length; c++) {
        FeatureCells.set(columns[c], row, rows.cell(c), rows, header[c]);
      }
    }
  }

  /** The column builder for each header position after the key. */
  private static FeatureTable.ColumnBuilder[] declare(String[] header, FeatureTable.Builder table, Position at)
      throws DataFormatException {
    FeatureTable.ColumnBuilder[] columns = new FeatureTable.ColumnBuilder[header.length];
    Set<String> names = new HashSet<>();
    for (int c = 1; c < header.length; c++) {
      FeatureCells.Declared declared = FeatureCells.declared(header[c], FeatureKind.CATEGORICAL, at);
      if (!names.add(declared.name())) {
        throw at.error(header[c], "feature '" + declared.name() + "' appears twice");
      }
      columns[c] = table.column(declared.name(), declared.kind());
    }
    return columns;
  }
}
