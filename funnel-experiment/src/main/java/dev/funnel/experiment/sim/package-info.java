/**
 * The click simulator: simulated users, each with a persistent propensity to click and a return rate of its own,
 * visit a {@link dev.funnel.experiment.sim.Site} over simulated days, examine its lists with a position bias, click
 * what the ground truth says they like and sometimes buy it. It exercises experiments end to end (a real server
 * over HTTP, or {@link dev.funnel.experiment.sim.InMemorySite} with no server) on data whose truth is known, so a
 * results engine can be checked against an effect that was planted. Runs are reproducible from their seed.
 */
package dev.funnel.experiment.sim;
