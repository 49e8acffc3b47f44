package dev.funnel.twotower.train;

import dev.funnel.twotower.model.TwoTowerModel;
import java.util.List;

/**
 * What training produced.
 *
 * @param model the weights of the best epoch (by validation NDCG@10; the last epoch without validation)
 * @param epochs every epoch's report, in order
 * @param bestEpoch the epoch whose weights {@code model} holds (1-based)
 * @param validationUsers how many users lent their last interaction to validation
 */
public record TrainingResult(TwoTowerModel model, List<EpochReport> epochs, int bestEpoch, int validationUsers) {
  public TrainingResult {
    epochs = List.copyOf(epochs);
  }

  /** Training positives per second over all epochs' training steps. */
  public double examplesPerSecond() {
    double seconds = epochs.stream().mapToDouble(EpochReport::trainSeconds).sum();
    long examples = epochs.stream().mapToLong(EpochReport::examples).sum();
    return seconds > 0 ? examples / seconds : 0;
  }

  /** Training positives per CPU second of the process, over all epochs. */
  public double examplesPerCpuSecond() {
    double seconds = epochs.stream().mapToDouble(EpochReport::trainCpuSeconds).sum();
    long examples = epochs.stream().mapToLong(EpochReport::examples).sum();
    return seconds > 0 ? examples / seconds : 0;
  }
}
