package dev.funnel.experiment.stats;

/**
 * The z test of two ratio metrics (e.g. CTR with the user as unit) whose variances come from the delta method
 * ({@link RatioMoments#variance()}); the arms are independent, so the difference's variance is the sum.
 */
public final class DeltaMethod {
  private DeltaMethod() {}

  /**
   * z = (R_T − R_C) / √(Var(R_T) + Var(R_C)), the two-sided normal p-value, the difference's interval ± z_{1−α/2}·se
   * and the lift's by the delta method with the same quantile.
   */
  public static Estimate compare(RatioMoments control, RatioMoments treatment, double alpha) {
    Check.alpha(alpha);
    double varControl = control.variance();
    double varTreatment = treatment.variance();
    double z = (treatment.ratio() - control.ratio())
        / Math.sqrt(Estimate.differenceVariance(varControl, varTreatment));
    double critical = Normal.critical(alpha);
    return Estimate.of(control.ratio(), treatment.ratio(), varControl, varTreatment, critical, critical,
        Normal.twoSidedP(z));
  }
}
