package dev.funnel.experiment.stats;

/**
 * The comparison of a treatment arm with the control on one metric.
 *
 * @param control the control's estimate (a mean or a ratio)
 * @param treatment the treatment's estimate
 * @param difference treatment − control
 * @param differenceLow the lower end of the difference's interval
 * @param differenceHigh the upper end of the difference's interval
 * @param lift the relative lift (treatment − control) / control; NaN when control is 0
 * @param liftLow the lower end of the lift's interval, by the delta method; NaN when control is 0
 * @param liftHigh the upper end of the lift's interval; NaN when control is 0
 * @param standardError the standard error of the difference
 * @param pValue the two-sided p-value of "no difference"
 */
public record Estimate(
    double control, double treatment, double difference, double differenceLow, double differenceHigh,
    double lift, double liftLow, double liftHigh, double standardError, double pValue) {

  /** Whether the difference's interval excludes 0. */
  public boolean significant() {
    return differenceLow > 0 || differenceHigh < 0;
  }

  /**
   * The estimate from the two arms' estimates and the variances of those estimates (independent arms), with
   * symmetric intervals of ± critical · standard error.
   *
   * <p>The lift treatment/control − 1 has by the delta method Var ≈ Var(t)/c² + t²·Var(c)/c⁴; its critical value is
   * passed separately because Welch uses the t quantile for the difference but the normal one for the lift.
   */
  static Estimate of(double control, double treatment, double varControl, double varTreatment,
      double differenceCritical, double liftCritical, double pValue) {
    double difference = treatment - control;
    double standardError = Math.sqrt(varControl + varTreatment);
    double differenceMargin = differenceCritical * standardError;
    double lift = Double.NaN;
    double liftMargin = Double.NaN;
    if (control != 0) {
      double c2 = control * control;
      lift = difference / control;
      liftMargin = liftCritical * Math.sqrt(varTreatment / c2 + treatment * treatment * varControl / (c2 * c2));
    }
    return new Estimate(control, treatment, difference, difference - differenceMargin, difference + differenceMargin,
        lift, lift - liftMargin, lift + liftMargin, standardError, pValue);
  }

  /** The variance of the difference, refused when it is 0: then no test statistic exists. */
  static double differenceVariance(double varControl, double varTreatment) {
    double variance = varControl + varTreatment;
    if (variance == 0) {
      throw new IllegalArgumentException("both arms have zero variance: the difference has no standard error");
    }
    return variance;
  }
}
