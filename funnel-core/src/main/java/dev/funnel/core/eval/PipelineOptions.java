package dev.funnel.core.eval;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.RankingViews;
import java.util.Map;
import java.util.TreeMap;

/**
 * Named options for a pipeline, as given on the command line ({@code --last-n 200} becomes {@code last-n=200}).
 * Each pipeline reads what it needs, with its own defaults, and {@link #used} reports them in the eval report.
 */
public final class PipelineOptions {
  private final Map<String, String> given;
  private final Map<String, String> used = new TreeMap<>();
  private final long seed;
  private final FeatureViews features;
  private Protocol protocol;

  /** Options with the ranking's default feature views over the default event types. */
  public PipelineOptions(Map<String, String> given, long seed) {
    this(given, seed, RankingViews.of(FeedbackConfig.DEFAULT));
  }

  /**
   * @param features the feature views the ranking stages read (the configuration's, or {@link RankingViews} over
   *     its event types)
   */
  public PipelineOptions(Map<String, String> given, long seed, FeatureViews features) {
    this.given = Map.copyOf(given);
    this.seed = seed;
    this.features = features;
  }

  /** The feature views the ranking stages read. */
  public FeatureViews features() {
    return features;
  }

  /** The run's seed, for pipelines that draw random numbers. */
  public long seed() {
    return seed;
  }

  /**
   * The protocol of the evaluation these options are fitted for, if any: a pipeline that makes its own training
   * labels (the ranker) can mirror it. Empty outside an evaluation.
   */
  public synchronized java.util.Optional<Protocol> protocol() {
    return java.util.Optional.ofNullable(protocol);
  }

  /** Set by the {@link Evaluator} before it fits the pipeline. */
  synchronized void evaluatedUnder(Protocol protocol) {
    this.protocol = protocol;
  }

  public synchronized int getInt(String name, int defaultValue, int min, int max) {
    String raw = given.get(name);
    int value;
    try {
      value = raw == null ? defaultValue : Integer.parseInt(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --" + name + " must be an integer, was '" + raw + "'");
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException("option --" + name + " must be in [" + min + ", " + max + "], was " + value);
    }
    used.put(name, Integer.toString(value));
    return value;
  }

  public synchronized double getDouble(String name, double defaultValue) {
    String raw = given.get(name);
    double value;
    try {
      value = raw == null ? defaultValue : Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("option --" + name + " must be a number, was '" + raw + "'");
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("option --" + name + " must be finite, was " + raw);
    }
    used.put(name, Double.toString(value));
    return value;
  }

  /** The option's text, or {@code defaultValue} (which may be null: then nothing is reported as used). */
  public synchronized String getString(String name, String defaultValue) {
    String value = given.getOrDefault(name, defaultValue);
    if (value != null) {
      used.put(name, value);
    }
    return value;
  }

  /** The options the pipeline actually read, with the values in force (defaults included). */
  public synchronized Map<String, String> used() {
    return Map.copyOf(used);
  }

  /** The names of the options given, read or not. */
  public synchronized java.util.Set<String> names() {
    return new java.util.TreeSet<>(given.keySet());
  }

  /** Options that were given but that no pipeline read: probably typos. */
  public synchronized java.util.Set<String> unused() {
    java.util.Set<String> unused = new java.util.TreeSet<>(given.keySet());
    unused.removeAll(used.keySet());
    return unused;
  }
}
