package dev.funnel.experiment.results;

import java.util.Set;

/**
 * How results are computed (the {@code analysis} section of the server's configuration).
 *
 * @param attributionMinutes an event without a request id counts for the newest response that showed its item to
 *     its user at most this long before it (default 30)
 * @param cupedDays the pre-period before the start from which each user's covariate (its clicks then) is read for
 *     CUPED (default 7; 0 turns CUPED off)
 * @param conversionTypes the event types that are conversions, whose values add up to the value metric (default
 *     purchase)
 * @param alpha the tests' significance level (default 0.05)
 * @param sequentialTuning the confidence sequences' tuning, the sample size where they are tightest (GrowthBook's
 *     default 5000)
 */
public record AnalysisSettings(Integer attributionMinutes, Integer cupedDays, Set<String> conversionTypes,
    Double alpha, Double sequentialTuning) {
  public static final AnalysisSettings DEFAULT = new AnalysisSettings(null, null, null, null, null);

  public AnalysisSettings {
    attributionMinutes = attributionMinutes == null ? 30 : attributionMinutes;
    cupedDays = cupedDays == null ? 7 : cupedDays;
    conversionTypes = conversionTypes == null ? Set.of("purchase") : Set.copyOf(conversionTypes);
    alpha = alpha == null ? 0.05 : alpha;
    sequentialTuning = sequentialTuning == null ? 5000.0 : sequentialTuning;
    if (attributionMinutes < 0 || attributionMinutes > 30 * 24 * 60) {
      throw new IllegalArgumentException("analysis.attributionMinutes must be in [0, 43200], was "
          + attributionMinutes);
    }
    if (cupedDays < 0 || cupedDays > 365) {
      throw new IllegalArgumentException("analysis.cupedDays must be in [0, 365], was " + cupedDays);
    }
    if (!(alpha > 0 && alpha < 0.5)) {
      throw new IllegalArgumentException("analysis.alpha must be in (0, 0.5), was " + alpha);
    }
    if (!(sequentialTuning >= 1)) {
      throw new IllegalArgumentException("analysis.sequentialTuning must be ≥ 1, was " + sequentialTuning);
    }
  }

  long attributionSeconds() {
    return attributionMinutes * 60L;
  }

  long cupedSeconds() {
    return cupedDays * 86_400L;
  }
}
