package dev.funnel.twotower.train;

/** Hears about training progress; called on the training thread. */
@FunctionalInterface
public interface TrainingListener {
  /** A listener that ignores everything. */
  TrainingListener NONE = report -> { };

  /** An epoch ended (after its validation, if any). */
  void epochFinished(EpochReport report);
}
