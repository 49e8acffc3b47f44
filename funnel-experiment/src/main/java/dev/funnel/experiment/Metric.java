package dev.funnel.experiment;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What an experiment measures per arm; written in JSON by its {@link #key()}. */
public enum Metric {
  /** Clicks per shown item, Σ clicks / Σ impressions with the user as the unit (delta method). */
  CTR("ctr", true, false),
  /** Clicks per user (Welch). */
  CLICKS_PER_USER("clicksPerUser", false, false),
  /** Share of users with at least one conversion (Welch). */
  CONVERSION_RATE("conversionRate", false, false),
  /** Conversion value per user (Welch). */
  VALUE_PER_USER("valuePerUser", false, false),
  /** Mean 1-based position of the clicked items, Σ positions / Σ clicks (delta method). */
  CLICKED_POSITION("clickedPosition", true, false),
  /** The 99th percentile of the arm's request latency, in ms (a guardrail; no test). */
  LATENCY_P99("latencyP99", false, true),
  /** The arm's share of failed requests (a guardrail; counted live, not stored). */
  ERROR_RATE("errorRate", false, true);

  private final String key;
  private final boolean ratio;
  private final boolean operational;

  Metric(String key, boolean ratio, boolean operational) {
    this.key = key;
    this.ratio = ratio;
    this.operational = operational;
  }

  @JsonValue
  public String key() {
    return key;
  }

  /** Whether the metric is a ratio of two per-user sums (tested by the delta method rather than Welch). */
  public boolean ratio() {
    return ratio;
  }

  /** Whether it describes the service rather than the users (reported, not tested, never a goal). */
  public boolean operational() {
    return operational;
  }

  /** @throws ExperimentException naming {@code field} when no metric has that key */
  public static Metric of(String key, String field) {
    for (Metric m : values()) {
      if (m.key.equals(key)) {
        return m;
      }
    }
    throw new ExperimentException(field, "unknown metric '" + key + "'; one of "
        + Arrays.stream(values()).map(Metric::key).collect(Collectors.joining(", ")));
  }

  @JsonCreator
  static Metric json(String key) {
    return of(key, "metric");
  }
}
