package dev.funnel.experiment;

/**
 * The experiment arm that serves a request.
 *
 * @param experiment the experiment
 * @param arm the arm's name
 */
public record Assignment(Experiment experiment, String arm) {
  /** The arm itself. */
  public Arm armSpec() {
    return experiment.arm(arm);
  }
}
