package dev.funnel.spark;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.io.DataFormatException;
import dev.funnel.core.io.EventChecker;
import java.util.HashMap;
import java.util.HashSet;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Spark function over one event's text cells (user, item, type, value, timestamp, file): checks and weighs it with
 * the single-node {@link EventChecker}, so both engines accept, reject and weigh the same events; returns
 * {@link #RESULT}. A bad event fails the job with a {@link DataFormatException} naming the file and field (Spark
 * does not know line numbers).
 */
final class WeighEvent implements UDF6<String, String, String, String, String, String, Row> {
  static final String WEIGHT = "weight";
  static final String IS_VALUE = "isValue";
  static final String TIME = "time";
  static final StructType RESULT = new StructType()
      .add(WEIGHT, DataTypes.FloatType, false)
      .add(IS_VALUE, DataTypes.BooleanType, false)
      .add(TIME, DataTypes.LongType, false);

  // The configuration in serialisable parts; each executor rebuilds the checker from them.
  private final HashMap<String, Float> weights;
  private final HashSet<String> valueTypes;
  private final HashSet<String> measureTypes;
  private final float minPositive;
  private transient EventChecker checker;

  WeighEvent(FeedbackConfig feedback) {
    weights = new HashMap<>(feedback.weights());
    valueTypes = new HashSet<>(feedback.valueTypes());
    measureTypes = new HashSet<>(feedback.measureTypes());
    minPositive = feedback.minPositive();
  }

  @Override
  public Row call(String user, String item, String type, String value, String timestamp, String file)
      throws DataFormatException {
    if (checker == null) {
      checker = new EventChecker(new FeedbackConfig(weights, valueTypes, minPositive, measureTypes));
    }
    // Spark reads an empty CSV cell as null; the checker wants the text.
    EventChecker.Checked event = checker.check(user == null ? "" : user, item == null ? "" : item, type, value,
        timestamp, (field, detail) -> new DataFormatException(file, 0, field, detail));
    return RowFactory.create(event.weight(), event.isValue(), event.epochSeconds());
  }
}
