package dev.funnel.experiment.stats;

import java.util.List;

/**
 * CUPED (Deng, Xu, Kohavi and Walker, "Improving the sensitivity of online controlled experiments by utilizing
 * pre-experiment data", WSDM 2013): compare Y − θ(X − mean X) instead of Y, where X is the same user's metric before
 * the experiment. X is independent of the assignment, so the adjusted means keep their expectation difference, while
 * the variance shrinks by the share of Y that X explains, 1 − ρ(Y, X)². Feed the adjusted moments to {@link Welch}
 * or {@link ConfidenceSequence}; like the paper, the standard errors ignore the (O(1/n)) error of θ itself.
 */
public final class Cuped {
  private Cuped() {}

  /**
   * θ and the pooled mean of X, shared by all arms: one θ for every arm keeps the difference of adjusted means
   * unbiased.
   *
   * @param theta the regression slope of Y on X
   * @param meanX the mean of X over all arms' users
   */
  public record Fit(double theta, double meanX) {
    public Fit {
      Check.finite("theta", theta);
      Check.finite("meanX", meanX);
    }
  }

  /**
   * θ = Cov(Y, X) / Var(X) over the union of the arms' users (as Deng et al.), computed exactly from the arms'
   * moments with {@link PairedMoments#union}; θ = 0 when X does not vary. The union's covariance includes a
   * between-arm term n_i·(mean X_i − mean X)(mean Y_i − mean Y), which is negligible because randomisation makes the
   * arms' means of X nearly equal.
   */
  public static Fit fit(List<PairedMoments> arms) {
    PairedMoments union = PairedMoments.union(arms);
    double theta = union.varX() == 0 ? 0 : union.covYX() / union.varX();
    return new Fit(theta, union.meanX());
  }

  /**
   * The moments of Y − θ(X − meanX) over the arm: mean = meanY − θ(meanX_arm − meanX) and variance
   * varY + θ²·varX − 2θ·covYX.
   */
  public static SampleMoments adjust(PairedMoments arm, Fit fit) {
    double theta = fit.theta();
    double mean = arm.meanY() - theta * (arm.meanX() - fit.meanX());
    // The sample variance of a linear combination, hence >= 0 up to rounding.
    double variance = Math.max(0, arm.varY() + theta * theta * arm.varX() - 2 * theta * arm.covYX());
    return new SampleMoments(arm.n(), mean, variance);
  }

  /** The share of the arm's variance of Y that the adjustment removes, 1 − adjusted variance / varY. */
  public static double varianceReduction(PairedMoments arm, Fit fit) {
    if (arm.varY() == 0) {
      throw new IllegalArgumentException("varY is 0: there is no variance to reduce");
    }
    return 1 - adjust(arm, fit).variance() / arm.varY();
  }
}
