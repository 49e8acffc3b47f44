package dev.funnel.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.input_file_name;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import dev.funnel.core.io.EventChecker;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a generic dataset's events and catalogue ids as Spark tables, with the columns the single-node readers
 * accept ({@code docs/data-format.md}): events {@code user, item, type} and optionally {@code value, timestamp};
 * catalogues keyed by {@code item} or {@code user}. Every cell is read as text and checked later by the single-node
 * rules ({@link WeighEvent}).
 */
final class EventTables {
  static final String USER = EventChecker.USER;
  static final String ITEM = EventChecker.ITEM;
  static final String TYPE = EventChecker.TYPE;
  static final String VALUE = EventChecker.VALUE;
  static final String TIMESTAMP = EventChecker.TIMESTAMP;
  /** The file an event came from, for errors. */
  static final String FILE = "file";
  /** Arrival order (file order within a file): a later rating at an equal time wins, as on a single node. */
  static final String SEQUENCE = "seq";

  private static final List<String> FIELDS = List.of(USER, ITEM, TYPE, VALUE, TIMESTAMP);
  private static final StructType JSON_SCHEMA = new StructType(FIELDS.stream()
      .map(f -> DataTypes.createStructField(f, DataTypes.StringType, true)).toArray(org.apache.spark.sql.types.StructField[]::new));

  private EventTables() {}

  /** The events: {@code user, item, type, value, timestamp} as text (the last two null when absent), file, seq. */
  static Dataset<Row> events(SparkSession spark, InputLayout.Source source) {
    Dataset<Row> raw = read(spark, source, JSON_SCHEMA);
    List<String> columns = Arrays.asList(raw.columns());
    List<String> unknown = columns.stream().filter(c -> !FIELDS.contains(c)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(source.path() + ": unknown column(s) " + unknown
          + "; expected user, item, type and optionally value, timestamp");
    }
    List<Column> selected = new ArrayList<>();
    for (String field : FIELDS) {
      if (columns.contains(field)) {
        selected.add(asText(raw, field).as(field));
      } else if (field.equals(VALUE) || field.equals(TIMESTAMP)) {
        selected.add(lit(null).cast(DataTypes.StringType).as(field));
      } else {
        throw new IllegalArgumentException(source.path() + ": missing required column '" + field + "'");
      }
    }
    selected.add(input_file_name().as(FILE));
    selected.add(monotonically_increasing_id().as(SEQUENCE));
    return raw.select(selected.toArray(Column[]::new));
  }

  /** A catalogue's ids, in one column {@code key} ({@code item} or {@code user}). */
  static Dataset<Row> ids(SparkSession spark, InputLayout.Source source, String key) {
    StructType schema = new StructType().add(key, DataTypes.StringType);
    Dataset<Row> raw = read(spark, source, schema);
    if (source.syntax() == InputLayout.Syntax.CSV && !raw.columns()[0].equals(key)) {
      throw new IllegalArgumentException(source.path() + ": the first column must be '" + key + "'");
    }
    return raw.select(col(key));
  }

  private static Dataset<Row> read(SparkSession spark, InputLayout.Source source, StructType jsonSchema) {
    return switch (source.syntax()) {
      case CSV -> spark.read().option("header", true).option("mode", "FAILFAST").csv(source.path());
      case JSONL -> spark.read().schema(jsonSchema).option("mode", "FAILFAST").json(source.path());
      case PARQUET -> spark.read().parquet(source.path());
    };
  }

  /** A column as the text the single-node readers would see: Parquet timestamps as epoch seconds. */
  private static Column asText(Dataset<Row> raw, String field) {
    var type = raw.schema().apply(field).dataType();
    Column column = col(field);
    if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType)) {
      column = column.cast(DataTypes.LongType);
    } else if (type instanceof NumericType && field.equals(TIMESTAMP)) {
      column = column.cast(DataTypes.LongType);
    }
    return column.cast(DataTypes.StringType);
  }
}
