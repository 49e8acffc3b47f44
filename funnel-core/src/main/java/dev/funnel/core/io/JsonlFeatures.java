package dev.funnel.core.io;

import com.fasterxml.jackson.core.JsonToken;
import dev.funnel.core.data.DatasetBuilder;
import dev.funnel.core.data.FeatureKind;
import dev.funnel.core.data.FeatureTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a feature JSON Lines file: one object per line holding the key ({@code item} or {@code user}) and the
 * features. A feature key may carry a kind suffix ({@code price:num}); without one, the first non-null value's JSON
 * type sets the kind (string or boolean → categorical, number → numeric, array → multi-valued) and later values
 * are read as that kind. Nulls are missing values.
 */
final class JsonlFeatures {
  /** One feature value, kept until the object's key is known: {@code values} for an array, else {@code text}. */
  private record Pending(String key, JsonToken token, String text, List<String> values) {}

  private final JsonLines lines;
  private final FeatureEntity entity;
  private final DatasetBuilder builder;
  private final Map<String, FeatureTable.ColumnBuilder> columnsByKey = new HashMap<>();

  private JsonlFeatures(JsonLines lines, FeatureEntity entity, DatasetBuilder builder) {
    this.lines = lines;
    this.entity = entity;
    this.builder = builder;
  }

  static void read(JsonLines lines, FeatureEntity entity, DatasetBuilder builder) throws IOException {
    new JsonlFeatures(lines, entity, builder).readAll();
  }

  private void readAll() throws IOException {
    SeenIds seen = new SeenIds();
    List<Pending> pending = new ArrayList<>();
    while (lines.nextObject()) {
      String id = null;
      pending.clear();
      for (String key = lines.nextField(); key != null; key = lines.nextField()) {
        JsonToken token = lines.valueToken();
        if (key.equals(entity.key())) {
          id = lines.scalar(key);
        } else if (token == JsonToken.START_ARRAY) {
          pending.add(new Pending(key, token, null, lines.strings(key)));
        } else {
          pending.add(new Pending(key, token, lines.scalar(key), null));
        }
      }
      if (id == null) {
        throw lines.error(entity.key(), "missing required field");
      }
      int row = entity.register(builder, Cells.id(id, lines, entity.key()));
      seen.add(row, id, lines, entity.key());
      for (Pending value : pending) {
        store(value, row);
      }
    }
  }

  private void store(Pending value, int row) throws DataFormatException {
    if (value.token() == JsonToken.VALUE_NULL) {
      return;
    }
    FeatureTable.ColumnBuilder column = column(value.key(), value.token());
    if (value.values() == null) {
      FeatureCells.set(column, row, value.text(), lines, value.key());
    } else if (column.kind() == FeatureKind.MULTI_VALUED) {
      column.setMultiValued(row, value.values());
    } else {
      throw lines.error(value.key(), "expected a single " + column.kind().suffix() + " value, found an array");
    }
  }

  /** The column a key names, declared on first sight from its suffix or the value's JSON type. */
  private FeatureTable.ColumnBuilder column(String key, JsonToken token) throws DataFormatException {
    FeatureTable.ColumnBuilder column = columnsByKey.get(key);
    if (column == null) {
      FeatureCells.Declared declared = FeatureCells.declared(key, null, lines);
      FeatureKind kind = declared.kind() != null ? declared.kind() : inferred(token);
      try {
        column = entity.table(builder).column(declared.name(), kind);
      } catch (IllegalArgumentException e) {
        throw lines.error(key, e.getMessage());
      }
      columnsByKey.put(key, column);
    }
    return column;
  }

  private static FeatureKind inferred(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> FeatureKind.MULTI_VALUED;
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> FeatureKind.NUMERIC;
      default -> FeatureKind.CATEGORICAL;
    };
  }
}
