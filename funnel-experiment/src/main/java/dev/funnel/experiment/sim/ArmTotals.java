package dev.funnel.experiment.sim;

/**
 * The totals of the pages one experiment arm served, as the pages reported it.
 *
 * @param experiment the experiment, or null for the pages no experiment served
 * @param arm the arm, or null with the experiment
 * @param totals what the users did on them
 */
public record ArmTotals(String experiment, String arm, Totals totals) {}
