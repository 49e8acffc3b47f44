package dev.funnel.experiment.sim;

import java.util.List;

/**
 * What a simulation did, per experiment arm and in all.
 *
 * @param days the simulated days it covers
 * @param arms per (experiment, arm) the pages reported, the pages of no experiment first, then by experiment and
 *     arm name
 * @param total over all pages
 */
public record SimulationSummary(int days, List<ArmTotals> arms, Totals total) {
  public SimulationSummary {
    arms = List.copyOf(arms);
  }
}
