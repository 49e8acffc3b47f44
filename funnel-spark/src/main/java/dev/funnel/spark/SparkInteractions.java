package dev.funnel.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.io.DataFormatException;
import it.unimi.dsi.fastutil.floats.FloatArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;

/**
 * A generic dataset read and aggregated by Spark: the events are checked and weighed by the single-node rules
 * ({@link WeighEvent}) and aggregated per (user, item) as {@code DatasetBuilder} does — the weighted events add up,
 * the latest value-typed event (rating) replaces earlier ones (equal times: the later line), the latest time is
 * kept, and a pair below the configuration's positive threshold is dropped. Dictionaries hold every id of the events
 * and the catalogue files, in external-id order, so dense ids equal the single-node build's.
 *
 * <p>The result lives twice: on the cluster ({@link #engine()}, dense {@code u, i, w, t} rows the index jobs read)
 * and on the driver ({@link #data()}, the dictionaries and the interaction matrix, which the snapshot's histories and
 * popularity are written from). The driver copy costs 24 bytes per interaction (see {@code docs/scale.md}).
 *
 * @param data the driver's dataset (no features, no raw events)
 * @param engine the index jobs over the cluster's copy
 */
public record SparkInteractions(Dataset data, SparkIndexEngine engine) {
  /**
   * Reads, checks and aggregates the dataset at {@code path} (any Hadoop file system).
   *
   * @throws DataFormatException naming the file and field of the first bad event Spark met
   * @throws java.nio.file.NoSuchFileException when there are no events at {@code path}
   */
  public static SparkInteractions load(SparkSession spark, String path, FeedbackConfig feedback) throws IOException {
    var hadoop = spark.sparkContext().hadoopConfiguration();
    InputLayout layout = InputLayout.find(path, hadoop);
    String checksum = layout.checksum(hadoop);
    try {
      return aggregate(spark, layout, feedback, DataFormat.GENERIC.datasetName(Path.of(path)), checksum);
    } catch (Exception e) { // Spark's job failures are checked exceptions that Java does not see declared
      throw dataError(e);
    }
  }

  private static SparkInteractions aggregate(SparkSession spark, InputLayout layout, FeedbackConfig feedback,
      String name, String checksum) {
    org.apache.spark.sql.Dataset<Row> events = EventTables.events(spark, layout.events());
    UserDefinedFunction weigh = udf(new WeighEvent(feedback), WeighEvent.RESULT);
    org.apache.spark.sql.Dataset<Row> weighed = events.select(col(EventTables.USER), col(EventTables.ITEM),
        col(EventTables.SEQUENCE), weigh.apply(col(EventTables.USER), col(EventTables.ITEM), col(EventTables.TYPE),
            col(EventTables.VALUE), col(EventTables.TIMESTAMP), col(EventTables.FILE)).as("e"));
    weighed.persist(StorageLevel.MEMORY_AND_DISK());
    Column isValue = col("e." + WeighEvent.IS_VALUE);
    org.apache.spark.sql.Dataset<Row> pairs = weighed.groupBy(EventTables.USER, EventTables.ITEM).agg(
            sum(when(not(isValue), col("e." + WeighEvent.WEIGHT))).as("weighted"),
            max(when(isValue, struct(col("e." + WeighEvent.TIME), col(EventTables.SEQUENCE),
                col("e." + WeighEvent.WEIGHT)))).as("latest"),
            max(col("e." + WeighEvent.TIME)).as("t"))
        .select(col(EventTables.USER), col(EventTables.ITEM),
            coalesce(col("weighted"), lit(0.0)).plus(coalesce(col("latest." + WeighEvent.WEIGHT).cast(
                DataTypes.DoubleType), lit(0.0))).cast(DataTypes.FloatType).as("w"), col("t"))
        .filter(col("w").geq(feedback.minPositive()));
    IdDictionary users = dictionary(spark, weighed, layout.users(), EventTables.USER);
    IdDictionary items = dictionary(spark, weighed, layout.items(), EventTables.ITEM);
    org.apache.spark.sql.Dataset<Row> dense = pairs
        .join(denseIds(spark, users, EventTables.USER), EventTables.USER)
        .join(denseIds(spark, items, EventTables.ITEM), EventTables.ITEM)
        .select(col("u"), col("i"), col("w"), col("t"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    InteractionMatrix matrix = collect(dense, users.size(), items.size());
    weighed.unpersist();
    Dataset data = new Dataset(name, checksum, users, items, matrix, FeatureTable.empty(users.size()),
        FeatureTable.empty(items.size()));
    return new SparkInteractions(data, new SparkIndexEngine(dense, users.size(), items.size()));
  }

  /** Every id of the events' {@code field} and of the catalogue file, if any. */
  private static IdDictionary dictionary(SparkSession spark, org.apache.spark.sql.Dataset<Row> events,
      InputLayout.Source catalogue, String field) {
    org.apache.spark.sql.Dataset<Row> ids = events.select(col(field));
    if (catalogue != null) {
      ids = ids.union(EventTables.ids(spark, catalogue, field));
    }
    List<String> distinct = new ArrayList<>();
    for (Row row : ids.distinct().collectAsList()) {
      distinct.add(row.getString(0));
    }
    return IdDictionary.of(distinct);
  }

  /** The dictionary as a table (external id, dense id), named {@code field} and its first letter. */
  private static org.apache.spark.sql.Dataset<Row> denseIds(SparkSession spark, IdDictionary dictionary,
      String field) {
    List<Row> rows = new ArrayList<>(dictionary.size());
    for (int id = 0; id < dictionary.size(); id++) {
      rows.add(RowFactory.create(dictionary.externalId(id), id));
    }
    StructType schema = new StructType().add(field, DataTypes.StringType, false)
        .add(field.substring(0, 1), DataTypes.IntegerType, false);
    return spark.createDataFrame(rows, schema);
  }

  /** One partition's interactions as primitive arrays: what travels to the driver. */
  private record Chunk(int[] users, int[] items, float[] likes, long[] times) implements java.io.Serializable {}

  /** The driver's matrix, gathered in one job as one primitive chunk per partition. */
  private static InteractionMatrix collect(org.apache.spark.sql.Dataset<Row> dense, int numUsers, int numItems) {
    List<Chunk> chunks = dense.javaRDD().mapPartitions(rows -> {
      IntArrayList u = new IntArrayList();
      IntArrayList i = new IntArrayList();
      FloatArrayList w = new FloatArrayList();
      LongArrayList t = new LongArrayList();
      rows.forEachRemaining(row -> {
        u.add(row.getInt(0));
        i.add(row.getInt(1));
        w.add(row.getFloat(2));
        t.add(row.getLong(3));
      });
      return List.of(new Chunk(u.toIntArray(), i.toIntArray(), w.toFloatArray(), t.toLongArray())).iterator();
    }).collect();
    int nnz = chunks.stream().mapToInt(c -> c.users().length).sum();
    int[] u = new int[nnz];
    int[] i = new int[nnz];
    float[] w = new float[nnz];
    long[] t = new long[nnz];
    int at = 0;
    for (Chunk c : chunks) {
      int n = c.users().length;
      System.arraycopy(c.users(), 0, u, at, n);
      System.arraycopy(c.items(), 0, i, at, n);
      System.arraycopy(c.likes(), 0, w, at, n);
      System.arraycopy(c.times(), 0, t, at, n);
      at += n;
    }
    return InteractionMatrix.of(numUsers, numItems, u, i, w, t);
  }

  /**
   * A bad event's {@link DataFormatException}, found among the causes Spark wraps it in, thrown; else {@code e} as
   * an unchecked exception to throw.
   */
  private static RuntimeException dataError(Exception e) throws DataFormatException {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof DataFormatException bad) {
        throw new DataFormatException(bad.getFile(), bad.getLine(), bad.getField(), bad.getDetail(), e);
      }
    }
    return e instanceof RuntimeException unchecked ? unchecked : new IllegalStateException(e.getMessage(), e);
  }
}
