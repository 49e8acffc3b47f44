package dev.funnel.experiment;

import java.util.List;

/**
 * The experiment arm that serves a request.
 *
 * @param experiment the experiment
 * @param arm the arm's name
 */
public record Assignment(Experiment experiment, String arm) {
  /** The arm's index in the experiment's arms. */
  public int index() {
    List<Arm> arms = experiment.arms();
    for (int i = 0; i < arms.size(); i++) {
      if (arms.get(i).name().equals(arm)) {
        return i;
      }
    }
    throw new IllegalStateException("experiment " + experiment.id() + " has no arm " + arm);
  }
}
