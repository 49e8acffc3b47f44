package dev.funnel.core.data;

import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** The feature columns of one entity kind (users or items), each indexed by dense id. Immutable. */
public final class FeatureTable {
  private final int rows;
  private final Map<String, FeatureColumn> columns;

  private FeatureTable(int rows, Map<String, FeatureColumn> columns) {
    this.rows = rows;
    this.columns = columns;
  }

  /** A table with no columns. */
  public static FeatureTable empty(int rows) {
    return new FeatureTable(rows, Map.of());
  }

  /**
   * A table of {@code rows} rows with these columns, in this order.
   *
   * @throws IllegalArgumentException if two columns share a name
   */
  public static FeatureTable of(int rows, List<FeatureColumn> columns) {
    Map<String, FeatureColumn> byName = new LinkedHashMap<>();
    for (FeatureColumn column : columns) {
      if (byName.put(column.name(), column) != null) {
        throw new IllegalArgumentException("two feature columns are called '" + column.name() + "'");
      }
    }
    return new FeatureTable(rows, byName);
  }

  /** The same rows with only the columns {@code keep} accepts, in their order. */
  public FeatureTable select(Predicate<FeatureColumn> keep) {
    Map<String, FeatureColumn> kept = new LinkedHashMap<>();
    columns.forEach((name, column) -> {
      if (keep.test(column)) {
        kept.put(name, column);
      }
    });
    return new FeatureTable(rows, kept);
  }

  public int rows() {
    return rows;
  }

  /** The columns in the order they were declared. */
  public List<FeatureColumn> columns() {
    return List.copyOf(columns.values());
  }

  /** The column called {@code name}, or null. */
  public FeatureColumn column(String name) {
    return columns.get(name);
  }

  /**
   * Collects feature values by provisional row id while a file streams in. Values for a row may arrive in any
   * order; a value set twice keeps the last. Not thread-safe.
   */
  public static final class Builder {
    private final Map<String, ColumnBuilder> columns = new LinkedHashMap<>();

    /**
     * Declares a column, or returns the existing one.
     *
     * @throws IllegalArgumentException if the column exists with another kind
     */
    public ColumnBuilder column(String name, FeatureKind kind) {
      ColumnBuilder column = columns.computeIfAbsent(name, n -> new ColumnBuilder(n, kind));
      if (column.kind != kind) {
        throw new IllegalArgumentException(
            "feature '" + name + "' is " + column.kind.suffix() + " elsewhere, not " + kind.suffix());
      }
      return column;
    }

    /** The finished table: provisional row {@code r} becomes dense row {@code remap[r]}. */
    public FeatureTable build(int[] remap, int rows) {
      Map<String, FeatureColumn> built = new LinkedHashMap<>();
      for (ColumnBuilder column : columns.values()) {
        built.put(column.name, column.build(remap, rows));
      }
      return new FeatureTable(rows, built);
    }
  }

  /** Accumulates one column. */
  public static final class ColumnBuilder {
    private final String name;
    private final FeatureKind kind;
    private final Object2IntOpenHashMap<String> vocabulary = new Object2IntOpenHashMap<>();
    private final List<String> vocabularyList = new ArrayList<>();
    private final IntArrayList codes = new IntArrayList();
    private final List<int[]> multiCodes = new ArrayList<>();
    private final FloatArrayList numbers = new FloatArrayList();
    private final LongArrayList times = new LongArrayList();
    private final List<String> texts = new ArrayList<>();

    private ColumnBuilder(String name, FeatureKind kind) {
      this.name = name;
      this.kind = kind;
      vocabulary.defaultReturnValue(-1);
    }

    public FeatureKind kind() {
      return kind;
    }

    public void setCategorical(int row, String value) {
      grow(row);
      codes.set(row, code(value));
    }

    public void setMultiValued(int row, List<String> values) {
      grow(row);
      int[] rowCodes = new int[values.size()];
      for (int k = 0; k < rowCodes.length; k++) {
        rowCodes[k] = code(values.get(k));
      }
      multiCodes.set(row, rowCodes);
    }

    public void setNumeric(int row, float value) {
      grow(row);
      numbers.set(row, value);
    }

    public void setTime(int row, long epochSeconds) {
      grow(row);
      times.set(row, epochSeconds);
    }

    public void setText(int row, String value) {
      grow(row);
      texts.set(row, value);
    }

    private int code(String value) {
      int code = vocabulary.getInt(value);
      if (code < 0) {
        code = vocabularyList.size();
        vocabulary.put(value, code);
        vocabularyList.add(value);
      }
      return code;
    }

    /** Pads only the storage this column's kind uses. */
    private void grow(int row) {
      switch (kind) {
        case CATEGORICAL -> { while (codes.size() <= row) codes.add(-1); }
        case MULTI_VALUED -> { while (multiCodes.size() <= row) multiCodes.add(null); }
        case NUMERIC -> { while (numbers.size() <= row) numbers.add(Float.NaN); }
        case TIME -> { while (times.size() <= row) times.add(Long.MIN_VALUE); }
        case TEXT -> { while (texts.size() <= row) texts.add(null); }
      }
    }

    private FeatureColumn build(int[] remap, int rows) {
      String[] vocab = vocabularyList.toArray(new String[0]);
      return switch (kind) {
        case CATEGORICAL -> {
          int[] out = new int[rows];
          Arrays.fill(out, -1);
          for (int r = 0; r < codes.size(); r++) out[remap[r]] = codes.getInt(r);
          yield new FeatureColumn.Categorical(name, vocab, out);
        }
        case MULTI_VALUED -> {
          int[][] byRow = new int[rows][];
          for (int r = 0; r < multiCodes.size(); r++) byRow[remap[r]] = multiCodes.get(r);
          int[] offsets = new int[rows + 1];
          for (int r = 0; r < rows; r++) offsets[r + 1] = offsets[r] + (byRow[r] == null ? 0 : byRow[r].length);
          int[] flat = new int[offsets[rows]];
          for (int r = 0; r < rows; r++) {
            if (byRow[r] != null) System.arraycopy(byRow[r], 0, flat, offsets[r], byRow[r].length);
          }
          yield new FeatureColumn.MultiValued(name, vocab, offsets, flat);
        }
        case NUMERIC -> {
          float[] out = new float[rows];
          Arrays.fill(out, Float.NaN);
          for (int r = 0; r < numbers.size(); r++) out[remap[r]] = numbers.getFloat(r);
          yield new FeatureColumn.Numeric(name, out);
        }
        case TIME -> {
          long[] out = new long[rows];
          Arrays.fill(out, Long.MIN_VALUE);
          for (int r = 0; r < times.size(); r++) out[remap[r]] = times.getLong(r);
          yield new FeatureColumn.Time(name, out);
        }
        case TEXT -> {
          String[] out = new String[rows];
          for (int r = 0; r < texts.size(); r++) out[remap[r]] = texts.get(r);
          yield new FeatureColumn.Text(name, out);
        }
      };
    }
  }
}
