package dev.funnel.experiment.sim;

import java.util.SplittableRandom;

/**
 * One simulated user: its persistent click propensity and visit rate, drawn from its own stream (seeded by the run's
 * seed and its id, so it is the same person in every run with that seed), and two streams for the simulated period
 * (seeded by those and the period's start) — one for when it visits, one for what it does there — so its visit times
 * do not depend on what any site showed it, and two periods of one seed (a pre-period, then an experiment) are the
 * same people behaving afresh.
 */
final class Visitor {
  final String id;
  /** Multiplies its click probability; log-normal with mean 1. */
  final double propensity;
  /** Visits per second, Gamma-distributed over users. */
  final double rate;
  /** Draws the gaps between visits. */
  final SplittableRandom visits;
  /** Draws clicks, purchases and values. */
  final SplittableRandom choices;

  Visitor(String id, SimulationSettings settings) {
    this.id = id;
    SplittableRandom own = new SplittableRandom(Draws.userSeed(settings.seed(), id));
    double sigma = settings.propensitySpread();
    propensity = StrictMath.exp(sigma * Draws.gaussian(own) - sigma * sigma / 2);
    double shape = settings.returnRateShape();
    rate = Draws.gamma(own, shape) / shape * settings.visitsPerDay() / 86_400;
    SplittableRandom period = new SplittableRandom(Draws.mix(Draws.userSeed(settings.seed(), id) ^ settings.start()));
    visits = period.split();
    choices = period.split();
  }

  /** Seconds to its next visit (exponential: visits are a Poisson process at its rate). */
  double gap() {
    return Draws.exponential(visits) / rate;
  }
}
