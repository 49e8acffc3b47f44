package dev.funnel.twotower.model;

import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.snapshot.Snapshot;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.twotower.model.FieldSpec.Role;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * The encoded inputs of one tower for every entity (user or item) of the catalogue, and the layout of its
 * embedding table: the fields' vocabularies, normalisation and buckets. Built once from a {@link FeatureTable};
 * after that the towers need no feature table, only these arrays. Immutable and thread-safe.
 *
 * <p>Fields, in input order: the single-row fields (id first, then categorical and bucketised features), then the
 * multi-valued fields, then the normalised numbers. TIME features count as numbers (epoch seconds); TEXT
 * features are never inputs. An entity outside the catalogue (dense id -1, or beyond the table) gets every
 * missing row, no pooled values and zero numbers: the shared "unknown" input.
 */
public final class TowerInputs {
  private final List<FieldSpec> fields;
  private final int singleCount;
  private final int pooledCount;
  private final int numericCount;
  private final int tableRows;
  private final int entities;
  private final int[] single;
  private final int[][] pooledOffsets;
  private final int[][] pooledCodes;
  private final float[] numeric;

  private TowerInputs(List<FieldSpec> fields, int entities, int[] single, int[][] pooledOffsets,
      int[][] pooledCodes, float[] numeric) {
    this.fields = List.copyOf(fields);
    this.singleCount = (int) fields.stream().filter(FieldSpec::single).count();
    this.pooledCount = (int) fields.stream().filter(f -> f.role() == Role.MULTI_VALUED).count();
    this.numericCount = fields.size() - singleCount - pooledCount;
    this.tableRows = fields.stream().mapToInt(f -> f.offset() + f.rows()).max().orElse(0);
    this.entities = entities;
    this.single = single;
    this.pooledOffsets = pooledOffsets;
    this.pooledCodes = pooledCodes;
    this.numeric = numeric;
  }

  /**
   * Encodes {@code entities} entities.
   *
   * @param features their features by dense id (may have fewer rows: the rest have none)
   * @param trained which dense ids get an id embedding of their own (ids seen in training); the others share the
   *     unknown row
   */
  public static TowerInputs build(FeatureTable features, int entities, IntPredicate trained, TowerConfig config) {
    List<FeatureColumn> singles = new ArrayList<>();
    List<FeatureColumn.MultiValued> multis = new ArrayList<>();
    List<FeatureColumn> numbers = new ArrayList<>();
    for (FeatureColumn column : features.columns()) {
      boolean bucketise = config.numeric() == TowerConfig.NumericEncoding.BUCKETISE;
      switch (column.kind()) {
        case CATEGORICAL -> singles.add(column);
        case MULTI_VALUED -> multis.add((FeatureColumn.MultiValued) column);
        case NUMERIC, TIME -> (bucketise ? singles : numbers).add(column);
        case TEXT -> { } // shown to people, never a model input
      }
    }
    int featureRows = features.rows();
    List<FieldSpec> fields = new ArrayList<>();
    int[] idRow = new int[entities];
    int trainedIds = 0;
    for (int e = 0; e < entities; e++) {
      idRow[e] = trained.test(e) ? ++trainedIds : 0;
    }
    fields.add(new FieldSpec("id", Role.ID, 0, trainedIds + 1, List.of(), 0, 1, new float[0]));
    int offset = trainedIds + 1;
    int s = 1 + singles.size();
    int[] single = new int[entities * s];
    for (int e = 0; e < entities; e++) {
      single[e * s] = idRow[e];
    }
    for (int f = 0; f < singles.size(); f++) {
      FieldSpec spec = singleSpec(singles.get(f), offset, config.buckets());
      fields.add(spec);
      for (int e = 0; e < entities; e++) {
        single[e * s + 1 + f] = offset + (e < featureRows ? singleRow(singles.get(f), spec, e) : 0);
      }
      offset += spec.rows();
    }
    int[][] pooledOffsets = new int[multis.size()][];
    int[][] pooledCodes = new int[multis.size()][];
    for (int f = 0; f < multis.size(); f++) {
      FeatureColumn.MultiValued m = multis.get(f);
      fields.add(new FieldSpec(m.name(), Role.MULTI_VALUED, offset, m.vocabulary().length + 1,
          List.of(m.vocabulary()), 0, 1, new float[0]));
      int[] offsets = new int[entities + 1];
      for (int e = 0; e < entities; e++) {
        offsets[e + 1] = offsets[e] + (e < featureRows ? m.offsets()[e + 1] - m.offsets()[e] : 0);
      }
      int[] codes = new int[offsets[entities]];
      for (int e = 0; e < Math.min(entities, featureRows); e++) {
        for (int p = m.offsets()[e], q = offsets[e]; p < m.offsets()[e + 1]; p++, q++) {
          codes[q] = offset + 1 + m.codes()[p];
        }
      }
      pooledOffsets[f] = offsets;
      pooledCodes[f] = codes;
      offset += m.vocabulary().length + 1;
    }
    float[] numeric = new float[entities * numbers.size()];
    for (int f = 0; f < numbers.size(); f++) {
      double[] values = values(numbers.get(f), featureRows);
      double[] moments = moments(values);
      fields.add(new FieldSpec(numbers.get(f).name(), Role.NUMERIC, -1, 0, List.of(), moments[0], moments[1],
          new float[0]));
      for (int e = 0; e < Math.min(entities, featureRows); e++) {
        double v = values[e];
        numeric[e * numbers.size() + f] = Double.isNaN(v) ? 0f : (float) ((v - moments[0]) / moments[1]);
      }
    }
    return new TowerInputs(fields, entities, single, pooledOffsets, pooledCodes, numeric);
  }

  private static FieldSpec singleSpec(FeatureColumn column, int offset, int buckets) {
    if (column instanceof FeatureColumn.Categorical c) {
      return new FieldSpec(c.name(), Role.CATEGORICAL, offset, c.vocabulary().length + 1, List.of(c.vocabulary()),
          0, 1, new float[0]);
    }
    float[] cuts = quantileCuts(values(column, Integer.MAX_VALUE), buckets);
    return new FieldSpec(column.name(), Role.BUCKETISED, offset, cuts.length + 2, List.of(), 0, 1, cuts);
  }

  /** The row of entity {@code e} within the field: 0 when missing, else 1 + code or 1 + bucket. */
  private static int singleRow(FeatureColumn column, FieldSpec spec, int e) {
    if (column instanceof FeatureColumn.Categorical c) {
      return c.codes()[e] + 1;
    }
    double v = values(column, Integer.MAX_VALUE)[e];
    return Double.isNaN(v) ? 0 : 1 + bucket(spec.boundaries(), (float) v);
  }

  /** How many cut points are ≤ {@code v}. */
  static int bucket(float[] cuts, float v) {
    int lo = 0;
    int hi = cuts.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (cuts[mid] <= v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** A numeric or time column as doubles, NaN when missing, at most {@code limit} rows. */
  private static double[] values(FeatureColumn column, int limit) {
    if (column instanceof FeatureColumn.Numeric n) {
      double[] out = new double[Math.min(limit, n.values().length)];
      for (int r = 0; r < out.length; r++) {
        out[r] = n.values()[r];
      }
      return out;
    }
    long[] times = ((FeatureColumn.Time) column).values();
    double[] out = new double[Math.min(limit, times.length)];
    for (int r = 0; r < out.length; r++) {
      out[r] = times[r] == Long.MIN_VALUE ? Double.NaN : times[r];
    }
    return out;
  }

  /** Mean and standard deviation of the present values (0 and 1 when there are none; std 0 becomes 1). */
  private static double[] moments(double[] values) {
    double sum = 0;
    double squares = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        squares += v * v;
        n++;
      }
    }
    double mean = n == 0 ? 0 : sum / n;
    double variance = n == 0 ? 0 : Math.max(0, squares / n - mean * mean);
    return new double[] {mean, variance > 0 ? Math.sqrt(variance) : 1};
  }

  /** Distinct cut points at the 1/b, 2/b, … quantiles of the present values. */
  private static float[] quantileCuts(double[] values, int buckets) {
    double[] present = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (present.length == 0) {
      return new float[0];
    }
    float[] cuts = new float[buckets - 1];
    int n = 0;
    for (int q = 1; q < buckets; q++) {
      float cut = (float) present[Math.min(present.length - 1, (int) ((long) q * present.length / buckets))];
      if (n == 0 || cut > cuts[n - 1]) {
        cuts[n++] = cut;
      }
    }
    return Arrays.copyOf(cuts, n);
  }

  /** The fields in input order. */
  public List<FieldSpec> fields() {
    return fields;
  }

  /** Number of single-row fields (the id field is the first). */
  public int singleCount() {
    return singleCount;
  }

  /** Number of mean-pooled multi-valued fields. */
  public int pooledCount() {
    return pooledCount;
  }

  /** Number of normalised numeric inputs. */
  public int numericCount() {
    return numericCount;
  }

  /** Rows of the tower's embedding table. */
  public int tableRows() {
    return tableRows;
  }

  /** Number of entities encoded. */
  public int entities() {
    return entities;
  }

  /** Whether {@code entity} is encoded here (false for -1 and ids beyond the catalogue). */
  public boolean knows(int entity) {
    return entity >= 0 && entity < entities;
  }

  /** The table row of single field {@code field} for {@code entity}; the missing row for unknown entities. */
  public int singleRow(int entity, int field) {
    return knows(entity) ? single[entity * singleCount + field] : fieldOffset(field);
  }

  /** Whether {@code entity} has an id embedding of its own. */
  public boolean hasTrainedId(int entity) {
    return knows(entity) && single[entity * singleCount] != 0;
  }

  private int fieldOffset(int singleField) {
    return fields.get(singleField).offset();
  }

  /** Start of {@code entity}'s values of pooled field {@code field} in {@link #pooledCodes}. */
  public int pooledStart(int field, int entity) {
    return knows(entity) ? pooledOffsets[field][entity] : 0;
  }

  /** End (exclusive) of {@code entity}'s values of pooled field {@code field}. */
  public int pooledEnd(int field, int entity) {
    return knows(entity) ? pooledOffsets[field][entity + 1] : 0;
  }

  /** The table rows of pooled field {@code field}, every entity's in turn. Read-only. */
  public int[] pooledCodes(int field) {
    return pooledCodes[field];
  }

  /** Normalised number {@code field} of {@code entity} (0 for unknown entities). */
  public float numeric(int entity, int field) {
    return knows(entity) ? numeric[entity * numericCount + field] : 0f;
  }

  /** Writes the arrays as {@code PREFIX.*} files; {@link #manifest} gives the layout for the manifest. */
  void write(SnapshotWriter writer, String prefix) throws IOException {
    writer.writeInts(prefix + ".single", single);
    for (int f = 0; f < pooledCount; f++) {
      writer.writeInts(prefix + ".pooled" + f + ".offsets", pooledOffsets[f]);
      writer.writeInts(prefix + ".pooled" + f + ".codes", pooledCodes[f]);
    }
    writer.writeFloats(prefix + ".numeric", numeric);
  }

  /** The fields' manifest form. */
  List<Map<String, Object>> manifest() {
    return fields.stream().map(FieldSpec::toManifest).toList();
  }

  /** Reads what {@link #write} wrote, with the fields from the manifest. */
  static TowerInputs read(Snapshot snapshot, String prefix, List<Map<String, Object>> fieldMaps, int entities)
      throws IOException {
    List<FieldSpec> fields = fieldMaps.stream().map(FieldSpec::fromManifest).toList();
    int pooled = (int) fields.stream().filter(f -> f.role() == Role.MULTI_VALUED).count();
    int[][] offsets = new int[pooled][];
    int[][] codes = new int[pooled][];
    for (int f = 0; f < pooled; f++) {
      offsets[f] = snapshot.intArray(prefix + ".pooled" + f + ".offsets");
      codes[f] = snapshot.intArray(prefix + ".pooled" + f + ".codes");
    }
    float[] numeric = snapshot.floatArray(prefix + ".numeric");
    return new TowerInputs(fields, entities, snapshot.intArray(prefix + ".single"), offsets, codes, numeric);
  }
}
