package dev.funnel.core.data;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * How event types become interaction weights.
 *
 * <p>An event of a <em>weighted</em> type (view, like, …) weighs what {@link #weights()} says, times its value
 * when it has one (a purchase with value 2 counts as two purchases). An event of a <em>value</em> type (rating)
 * weighs its own value. The dataset readers and the server apply the same rule. After aggregation (see {@link
 * DatasetBuilder}), an interaction whose weight is below {@link #minPositive()} is not a positive and is dropped.
 * An event of a <em>measure</em> type (dwell) is a weighted type whose value is a measurement (seconds of dwell),
 * not a multiple: it weighs its configured weight whatever its value, and it needs a value.
 *
 * @param weights weight per weighted event type (lower case)
 * @param valueTypes event types whose value is the weight (lower case)
 * @param minPositive smallest aggregated weight that counts as a positive interaction
 * @param measureTypes weighted types whose value is a measurement (lower case); by default {@code dwell}
 */
public record FeedbackConfig(Map<String, Float> weights, Set<String> valueTypes, float minPositive,
    Set<String> measureTypes) {

  private static final Map<String, Float> DEFAULT_WEIGHTS =
      Map.of("view", 1f, "click", 2f, "like", 3f, "share", 5f, "purchase", 10f, "dwell", 1f, "play", 1f);
  private static final Set<String> DEFAULT_VALUE_TYPES = Set.of("rating");
  private static final Set<String> DEFAULT_MEASURE_TYPES = Set.of("dwell");

  /**
   * view 1, click 2, like 3, share 5, purchase 10, dwell 1 (its value is seconds), play 1 (its value is a play
   * count, so a play with value 300 weighs 300); ratings keep their value; every interaction is positive.
   */
  public static final FeedbackConfig DEFAULT = new FeedbackConfig(DEFAULT_WEIGHTS, DEFAULT_VALUE_TYPES, 0f);

  /** Weights and value types with the default measure types (those among the weighted types). */
  public FeedbackConfig(Map<String, Float> weights, Set<String> valueTypes, float minPositive) {
    this(weights, valueTypes, minPositive, null);
  }

  /**
   * Null weights, value types or measure types (left out of a configuration file) take the defaults; the default
   * measure types apply only to those of them that are weighted.
   */
  public FeedbackConfig {
    weights = weights == null ? DEFAULT_WEIGHTS : weights;
    valueTypes = valueTypes == null ? DEFAULT_VALUE_TYPES : valueTypes;
    Map<String, Float> normalised = new TreeMap<>();
    weights.forEach((type, weight) -> {
      if (weight == null || !(weight > 0) || Float.isInfinite(weight)) {
        throw new IllegalArgumentException("feedback weight of '" + type + "' must be positive and finite, was " + weight);
      }
      if (normalised.put(type.toLowerCase(Locale.ROOT), weight) != null) {
        throw new IllegalArgumentException("event type '" + type + "' has two weights (types ignore case)");
      }
    });
    weights = Map.copyOf(normalised);
    valueTypes = Set.copyOf(valueTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
    for (String type : valueTypes) {
      if (weights.containsKey(type)) {
        throw new IllegalArgumentException("event type '" + type + "' is both weighted and value-typed");
      }
    }
    if (Float.isNaN(minPositive) || Float.isInfinite(minPositive)) {
      throw new IllegalArgumentException("minPositive must be finite, was " + minPositive);
    }
    Map<String, Float> weighted = weights;
    if (measureTypes == null) {
      measureTypes = Set.copyOf(DEFAULT_MEASURE_TYPES.stream().filter(weighted::containsKey).toList());
    }
    measureTypes = Set.copyOf(measureTypes.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList());
    for (String type : measureTypes) {
      if (!weights.containsKey(type)) {
        throw new IllegalArgumentException("measure type '" + type + "' needs a weight under weights");
      }
    }
  }

  /** The same weights with another positive threshold. */
  public FeedbackConfig withMinPositive(float threshold) {
    return new FeedbackConfig(weights, valueTypes, threshold, measureTypes);
  }

  /** Whether events of {@code type} must carry a value: value types (ratings) and measure types (dwell). */
  public boolean needsValue(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return valueTypes.contains(t) || measureTypes.contains(t);
  }

  /**
   * The weight of one event by the rule in the class comment.
   *
   * @param value the event's value, NaN when it has none
   * @throws IllegalArgumentException when the type is unknown
   */
  public float eventWeight(String type, float value) {
    if (isValueType(type)) {
      return value;
    }
    float configured = weight(type);
    return Float.isNaN(value) || measureTypes.contains(type.toLowerCase(Locale.ROOT)) ? configured : configured * value;
  }

  /** Whether {@code type} (any case) is known. */
  public boolean knows(String type) {
    String t = type.toLowerCase(Locale.ROOT);
    return weights.containsKey(t) || valueTypes.contains(t);
  }

  /** Whether events of {@code type} weigh their value. */
  public boolean isValueType(String type) {
    return valueTypes.contains(type.toLowerCase(Locale.ROOT));
  }

  /** The configured weight of a weighted type. */
  public float weight(String type) {
    Float w = weights.get(type.toLowerCase(Locale.ROOT));
    if (w == null) {
      throw new IllegalArgumentException("unknown event type '" + type + "'; known: " + knownTypes());
    }
    return w;
  }

  /** All known types, sorted, for error messages. */
  public String knownTypes() {
    TreeMap<String, String> all = new TreeMap<>();
    weights.keySet().forEach(t -> all.put(t, t));
    valueTypes.forEach(t -> all.put(t, t));
    return String.join(", ", all.keySet());
  }
}
