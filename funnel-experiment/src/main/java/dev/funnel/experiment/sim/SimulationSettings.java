package dev.funnel.experiment.sim;

import dev.funnel.core.synth.GeneratorConfig;
import java.util.Objects;

/**
 * What a simulation does: who visits, how often, for how long, and how the visitors click and buy. The click
 * model is described in {@link Simulator}. Immutable; the constructor refuses what makes no sense, naming the
 * setting and the value.
 *
 * @param seed the run's seed: the same seed, settings, users and site give the same run
 * @param days simulated days, ≥ 1
 * @param users how many of the population visit, ≥ 1 (a seeded sample of it)
 * @param n list length asked of the site per visit, ≥ 1
 * @param start epoch second at which simulated time starts, ≥ 0
 * @param positionBias how examination falls with the position
 * @param clickScale P(click | examined) for an average user and an item as relevant as a random one of the
 *     catalogue (relevance 1), > 0; see {@link Simulator} for its calibration
 * @param purchaseProbability P(purchase | click), in [0, 1]
 * @param valueMedian median value of a purchase (log-normal), > 0
 * @param valueSigma log-scale spread of purchase values, ≥ 0
 * @param visitsPerDay mean over users of each user's own visit rate, > 0
 * @param returnRateShape shape k of the Gamma the users' visit rates are drawn from, > 0: 1 is exponential
 *     (many rare visitors, a few regulars); large values make all users alike
 * @param propensitySpread σ of the users' log-normal click propensity (mean 1), ≥ 0: 0 makes all users alike
 */
public record SimulationSettings(long seed, int days, int users, int n, long start, PositionBias positionBias,
    double clickScale, double purchaseProbability, double valueMedian, double valueSigma, double visitsPerDay,
    double returnRateShape, double propensitySpread) {

  /**
   * Defaults: seed 1, 14 days from the end of {@code funnel generate}'s default window, 1,000 users, lists of 10,
   * the log position bias, the click scale calibrated in {@link Simulator}, 10 % of clicks bought at a median 25
   * (σ 0.8), one visit a day on average (exponentially spread), propensity σ 0.5.
   */
  public static final SimulationSettings DEFAULT = new SimulationSettings(1, 14, 1_000, 10,
      GeneratorConfig.DEFAULT_WINDOW_START + GeneratorConfig.DEFAULT_WINDOW_DAYS * 86_400L, new PositionBias.Log(),
      Simulator.DEFAULT_CLICK_SCALE, 0.1, 25, 0.8, 1, 1, 0.5);

  public SimulationSettings {
    atLeastOne("days", days);
    atLeastOne("users", users);
    atLeastOne("n", n);
    if (start < 0) {
      throw new IllegalArgumentException("start must be an epoch second ≥ 0, was " + start);
    }
    Objects.requireNonNull(positionBias, "positionBias");
    positive("clickScale", clickScale);
    if (!(purchaseProbability >= 0 && purchaseProbability <= 1)) {
      throw new IllegalArgumentException("purchaseProbability must be in [0, 1], was " + purchaseProbability);
    }
    positive("valueMedian", valueMedian);
    notNegative("valueSigma", valueSigma);
    positive("visitsPerDay", visitsPerDay);
    positive("returnRateShape", returnRateShape);
    notNegative("propensitySpread", propensitySpread);
  }

  private static void atLeastOne(String name, int value) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be ≥ 1, was " + value);
    }
  }

  private static void positive(String name, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number > 0, was " + value);
    }
  }

  private static void notNegative(String name, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be a finite number ≥ 0, was " + value);
    }
  }

  /** The end of simulated time (exclusive), in epoch seconds. */
  public long end() {
    return start + days * 86_400L;
  }
}
