package dev.funnel.experiment.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.funnel.experiment.Arm;
import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.Metric;
import dev.funnel.experiment.stats.ConfidenceSequence;
import dev.funnel.experiment.stats.Cuped;
import dev.funnel.experiment.stats.DeltaMethod;
import dev.funnel.experiment.stats.Estimate;
import dev.funnel.experiment.stats.Holm;
import dev.funnel.experiment.stats.PairedMoments;
import dev.funnel.experiment.stats.RatioMoments;
import dev.funnel.experiment.stats.SampleMoments;
import dev.funnel.experiment.stats.SampleRatio;
import dev.funnel.experiment.stats.Welch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * An experiment's results: each arm's counts and metrics, the sample-ratio check, and every treatment arm compared
 * with the control (the first arm) on every metric — fixed-horizon (Welch for per-user means, the delta method for
 * ratios), as an always-valid confidence sequence (safe to look at any time), and both again after CUPED — with
 * Holm's correction across the treatment arms on the goal metric.
 *
 * @param id the experiment
 * @param status its status
 * @param start when it started (epoch seconds)
 * @param end when it ended, or null
 * @param goal the goal metric
 * @param computedAt when these results were computed (epoch seconds)
 * @param arms per arm, in the experiment's order
 * @param srm users per arm against the weights (flagged at p &lt; 0.001)
 * @param comparisons each treatment arm against the control, per metric
 * @param settings how they were computed
 * @param timeline the goal's comparisons at evenly spaced times since the start (for the cumulative lift over
 *     time; the confidence sequence is the interval valid at every one of those looks), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExperimentResults(String id, String status, Long start, Long end, String goal, long computedAt,
    List<ArmResult> arms, SampleRatio.Result srm, List<Comparison> comparisons, AnalysisSettings settings,
    List<TimelinePoint> timeline) {

  /**
   * The goal's comparisons as they stood at one time: the users exposed by then, counting what they did by then.
   *
   * @param time epoch seconds
   * @param goal each treatment arm against the control on the goal metric
   */
  public record TimelinePoint(long time, List<Comparison> goal) {}

  /** These results with {@code timeline}. */
  ExperimentResults withTimeline(List<TimelinePoint> timeline) {
    return new ExperimentResults(id, status, start, end, goal, computedAt, arms, srm, comparisons, settings,
        timeline);
  }

  /**
   * One arm.
   *
   * @param metrics each metric's value (key as in {@link Metric#key()}); errorRate only when counted live
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ArmResult(String name, double weight, long users, long requests, long impressions, long clicks,
      long conversions, double value, Map<String, Double> metrics) {}

  /**
   * A treatment arm against the control on one metric; an estimate is null when an arm has too few users.
   *
   * @param fixed the fixed-horizon test: valid once, at a sample size fixed in advance
   * @param sequential the always-valid confidence sequence (per-user metrics only): valid at every look
   * @param cuped the same after CUPED (per-user metrics with a pre-period), or null
   * @param holmPValue the goal metric's p-value after Holm's correction across the treatment arms
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Comparison(String arm, String control, String metric, boolean goal, Estimate fixed,
      Estimate sequential, CupedEstimate cuped, Double holmPValue) {}

  /**
   * CUPED: Y − θ(X − mean X), X each user's clicks in the pre-period.
   *
   * @param theta Cov(Y, X) / Var(X) over all arms
   * @param varianceReduction 1 − Var(adjusted) / Var(Y) in the treatment arm
   */
  public record CupedEstimate(double theta, double varianceReduction, Estimate fixed, Estimate sequential) {}

  static ExperimentResults compute(Experiment experiment, AnalysisSettings settings, long now, List<ArmData> data,
      Map<String, long[]> errors) {
    List<Arm> arms = experiment.arms();
    List<ArmResult> armResults = new ArrayList<>();
    long[] users = new long[arms.size()];
    double[] weights = new double[arms.size()];
    for (int a = 0; a < arms.size(); a++) {
      ArmData d = data.get(a);
      users[a] = d.users;
      weights[a] = arms.get(a).weight();
      armResults.add(new ArmResult(arms.get(a).name(), arms.get(a).weight(), d.users, d.requests, d.impressions,
          d.clicks, d.conversions, d.value, metrics(d, errors == null ? null : errors.get(arms.get(a).name()))));
    }
    SampleRatio.Result srm = sum(users) > 0 ? SampleRatio.test(users, weights)
        : null;
    List<Comparison> comparisons = new ArrayList<>();
    for (Metric metric : Metric.values()) {
      if (metric.operational()) {
        continue;
      }
      List<Comparison> perArm = new ArrayList<>();
      for (int t = 1; t < arms.size(); t++) {
        perArm.add(compare(metric, metric == experiment.goal(), data, t, arms, settings));
      }
      comparisons.addAll(metric == experiment.goal() ? withHolm(perArm) : perArm);
    }
    return new ExperimentResults(experiment.id(), experiment.status().key(), experiment.start(), experiment.end(),
        experiment.goal().key(), now, armResults, srm, comparisons, settings, null);
  }

  private static long sum(long[] values) {
    long s = 0;
    for (long v : values) {
      s += v;
    }
    return s;
  }

  private static Map<String, Double> metrics(ArmData d, long[] errors) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put(Metric.CTR.key(), d.impressions == 0 ? Double.NaN : (double) d.clicks / d.impressions);
    m.put(Metric.CLICKS_PER_USER.key(), d.users == 0 ? Double.NaN : (double) d.clicks / d.users);
    m.put(Metric.CONVERSION_RATE.key(), d.users == 0 ? Double.NaN : (double) d.convertedUsers / d.users);
    m.put(Metric.VALUE_PER_USER.key(), d.users == 0 ? Double.NaN : d.value / d.users);
    m.put(Metric.CLICKED_POSITION.key(), d.clicks == 0 ? Double.NaN : (double) d.positionSum / d.clicks);
    m.put(Metric.LATENCY_P99.key(), d.latencyP99());
    if (errors != null && errors[1] > 0) {
      m.put(Metric.ERROR_RATE.key(), (double) errors[0] / errors[1]);
    }
    m.replaceAll((k, v) -> v.isNaN() ? null : v);
    return m;
  }

  private static Comparison compare(Metric metric, boolean goal, List<ArmData> data, int t, List<Arm> arms,
      AnalysisSettings settings) {
    String arm = arms.get(t).name();
    String control = arms.get(0).name();
    double alpha = settings.alpha();
    Comparison untested = new Comparison(arm, control, metric.key(), goal, null, null, null, null);
    if (data.get(0).users < 2 || data.get(t).users < 2) {
      return untested;
    }
    if (metric.ratio()) {
      Function<ArmData, RatioMoments> of = metric == Metric.CTR ? d -> d.ctr.moments()
          : d -> d.clickedPosition.moments();
      RatioMoments c = of.apply(data.get(0));
      RatioMoments x = of.apply(data.get(t));
      // No test either when the ratio does not vary in either arm (every click at position 1, say).
      if (c.meanDenominator() == 0 || x.meanDenominator() == 0 || c.variance() + x.variance() == 0) {
        return untested;
      }
      return new Comparison(arm, control, metric.key(), goal, DeltaMethod.compare(c, x, alpha), null, null, null);
    }
    Function<ArmData, PairedMoments> of = switch (metric) {
      case CLICKS_PER_USER -> d -> d.clicksPerUser.moments();
      case CONVERSION_RATE -> d -> d.converted.moments();
      case VALUE_PER_USER -> d -> d.valuePerUser.moments();
      default -> throw new IllegalStateException("no per-user metric " + metric);
    };
    PairedMoments c = of.apply(data.get(0));
    PairedMoments x = of.apply(data.get(t));
    if (c.varY() == 0 && x.varY() == 0) {
      return untested;
    }
    CupedEstimate cuped = null;
    if (settings.cupedDays() > 0) {
      List<PairedMoments> all = data.stream().filter(d -> d.users >= 2).map(of).toList();
      Cuped.Fit fit = Cuped.fit(all);
      if (fit.theta() != 0) {
        SampleMoments ca = Cuped.adjust(c, fit);
        SampleMoments xa = Cuped.adjust(x, fit);
        cuped = new CupedEstimate(fit.theta(), Cuped.varianceReduction(x, fit), Welch.compare(ca, xa, alpha),
            ConfidenceSequence.compare(ca, xa, alpha, settings.sequentialTuning()));
      }
    }
    return new Comparison(arm, control, metric.key(), goal, Welch.compare(c.y(), x.y(), alpha),
        ConfidenceSequence.compare(c.y(), x.y(), alpha, settings.sequentialTuning()), cuped, null);
  }

  /** The goal's comparisons with Holm-adjusted p-values (CUPED's where there is one). */
  private static List<Comparison> withHolm(List<Comparison> perArm) {
    double[] p = new double[perArm.size()];
    for (int i = 0; i < p.length; i++) {
      Comparison c = perArm.get(i);
      Estimate e = c.cuped() != null ? c.cuped().fixed() : c.fixed();
      p[i] = e == null ? 1 : e.pValue();
    }
    double[] adjusted = Holm.adjust(p);
    List<Comparison> out = new ArrayList<>();
    for (int i = 0; i < p.length; i++) {
      Comparison c = perArm.get(i);
      out.add(new Comparison(c.arm(), c.control(), c.metric(), true, c.fixed(), c.sequential(), c.cuped(),
          c.fixed() == null ? null : adjusted[i]));
    }
    return out;
  }
}
