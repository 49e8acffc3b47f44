package dev.funnel.twotower.train;

/**
 * What one epoch did.
 *
 * @param epoch 1-based
 * @param loss mean training loss over the epoch's batches
 * @param examples training positives processed (each with its negatives)
 * @param trainSeconds wall time spent in training steps (validation excluded)
 * @param trainCpuSeconds CPU time of the process in those steps: with one intra-op thread, PyTorch's work runs on
 *     the trainer's thread and its workers, so examples per CPU second tells what one core does, whatever else the
 *     machine runs (the JVM's own threads, compiler and collector, count too)
 * @param validationHr HR@10 on the held-out interactions (NaN without validation)
 * @param validationNdcg NDCG@10 on the held-out interactions (NaN without validation)
 * @param best whether this epoch's weights are the best so far (the ones kept)
 */
public record EpochReport(
    int epoch, double loss, long examples, double trainSeconds, double trainCpuSeconds, double validationHr, double validationNdcg,
    boolean best) {

  /** Training positives per second of training-step time. */
  public double examplesPerSecond() {
    return trainSeconds > 0 ? examples / trainSeconds : 0;
  }

  /** Training positives per CPU second of the process. */
  public double examplesPerCpuSecond() {
    return trainCpuSeconds > 0 ? examples / trainCpuSeconds : 0;
  }
}
