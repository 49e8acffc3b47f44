package dev.funnel.experiment.stats;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * Welch's unequal-variance t test of two means: the arms of an experiment rarely have the same variance (a treatment
 * that changes behaviour changes its spread too) and often not the same size, which Student's pooled test assumes.
 * A fixed-horizon test: it is valid when looked at once, at the planned sample size.
 */
public final class Welch {
  private Welch() {}

  /**
   * t = (m_T − m_C) / se with se² = s_C²/n_C + s_T²/n_T, the Welch–Satterthwaite degrees of freedom
   * df = se⁴ / ((s_C²/n_C)²/(n_C − 1) + (s_T²/n_T)²/(n_T − 1)), the two-sided p-value from Student's t with df, and
   * the difference's interval ± t_{1−α/2, df}·se. The lift's interval uses the normal quantile (delta method).
   */
  public static Estimate compare(SampleMoments control, SampleMoments treatment, double alpha) {
    Check.alpha(alpha);
    double varControl = control.varianceOfMean();
    double varTreatment = treatment.varianceOfMean();
    double variance = Estimate.differenceVariance(varControl, varTreatment);
    double df = variance * variance
        / (varControl * varControl / (control.n() - 1) + varTreatment * varTreatment / (treatment.n() - 1));
    // No random generator: only the cdf and its inverse are used.
    TDistribution t = new TDistribution(null, df);
    double statistic = (treatment.mean() - control.mean()) / Math.sqrt(variance);
    double pValue = 2 * t.cumulativeProbability(-Math.abs(statistic));
    return Estimate.of(control.mean(), treatment.mean(), varControl, varTreatment,
        t.inverseCumulativeProbability(1 - alpha / 2), Normal.critical(alpha), pValue);
  }
}
