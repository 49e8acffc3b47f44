package dev.funnel.experiment.stats;

/**
 * Always-valid (anytime-valid) asymptotic confidence sequences for the difference of two means, as GrowthBook's
 * sequential testing computes them: the experiment may be looked at after every user and stopped at any look, and
 * the chance that the sequence ever excludes the true difference stays about alpha. A fixed-horizon test looked at
 * after every 1 % of the data would instead be wrong far more often. The price is a wider interval.
 *
 * <p>Source: Waudby-Smith, Arbour, Sinha, Kennedy and Ramdas, "Time-uniform central limit theory and asymptotic
 * confidence sequences" (arXiv:2103.06476v7), the two-sided normal-mixture boundary (their eq. 9, with ρ from
 * eq. 161 and the e-value of eq. 155), as implemented in GrowthBook's gbstats,
 * {@code packages/stats/gbstats/frequentist/tests.py} ({@code sequential_rho}, {@code sequential_interval_halfwidth},
 * {@code SequentialTwoSidedTTest}), https://github.com/growthbook/growthbook, read at commit 8f1db445:
 *
 * <pre>
 *   N  = n_C + n_T                                   (both arms' users, GrowthBook's BaseABTest.n)
 *   se = √(s_C²/n_C + s_T²/n_T)                      (the difference's standard error)
 *   ρ² = (−2 ln α + ln(−2 ln α + 1)) / tuning        (tuning = sequential_tuning_parameter, default 5000)
 *   halfwidth = √(se²·N) · √( 2(Nρ² + 1) · ln(√(Nρ² + 1) / α) / (Nρ)² )
 *             = se · √( 2(Nρ² + 1) · ln(√(Nρ² + 1) / α) / (Nρ²) )
 *   p  = min(1, 1/E),  E = exp(ρ²·N·z² / (2(Nρ² + 1))) / √(Nρ² + 1),  z = difference / se
 * </pre>
 *
 * The tuning parameter is the sample size N at which the boundary is tightest. ρ is tuned for the given alpha and
 * held there for the p-value, so p is the smallest level at which the sequence with that ρ excludes 0, and
 * p &lt; alpha exactly when the interval excludes 0. The lift's interval scales the same way: GrowthBook applies the
 * halfwidth to the relative effect's delta-method standard error with the same N, which is
 * lift ± (halfwidth/se) · se_lift.
 */
public final class ConfidenceSequence {
  /** GrowthBook's default {@code sequential_tuning_parameter}. */
  public static final double DEFAULT_TUNING = 5000;

  private ConfidenceSequence() {}

  /** The sequence's interval at the current sample sizes; see the class comment for the formula. */
  public static Estimate compare(SampleMoments control, SampleMoments treatment, double alpha, double tuning) {
    Check.alpha(alpha);
    if (!(tuning > 0) || tuning == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("tuning must be finite and > 0, got " + tuning);
    }
    double varControl = control.varianceOfMean();
    double varTreatment = treatment.varianceOfMean();
    double variance = Estimate.differenceVariance(varControl, varTreatment);
    double logAlpha = -2 * Math.log(alpha);
    double rho2 = (logAlpha + Math.log(logAlpha + 1)) / tuning;
    double n = (double) control.n() + treatment.n();
    double spread = n * rho2 + 1;
    double critical = Math.sqrt(2 * spread * Math.log(Math.sqrt(spread) / alpha) / (n * rho2));
    double difference = treatment.mean() - control.mean();
    // 1/E in logs: E overflows long before p underflows to 0.
    double logE = rho2 * n * (difference * difference / variance) / (2 * spread) - 0.5 * Math.log(spread);
    double pValue = Math.min(1, Math.exp(-logE));
    return Estimate.of(control.mean(), treatment.mean(), varControl, varTreatment, critical, critical, pValue);
  }

  /** {@link #compare(SampleMoments, SampleMoments, double, double)} with {@link #DEFAULT_TUNING}. */
  public static Estimate compare(SampleMoments control, SampleMoments treatment, double alpha) {
    return compare(control, treatment, alpha, DEFAULT_TUNING);
  }
}
