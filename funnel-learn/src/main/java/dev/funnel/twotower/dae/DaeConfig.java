package dev.funnel.twotower.dae;

import dev.funnel.core.eval.PipelineOptions;

/**
 * How the multinomial denoising autoencoder is shaped and trained; {@link #read} takes the same names in every
 * command ({@code --dae-hidden}, {@code --dae-dropout}, {@code --dae-epochs}, {@code --dae-batch}, {@code --dae-lr},
 * {@code --dae-weight-decay}, {@code --dae-patience}, {@code --dae-validation-users}, {@code --dae-threads}; the seed
 * is the run's).
 *
 * @param hidden width of the one tanh layer between the user's items and the scores of every item
 * @param dropout share of the input's items hidden from the encoder in each training row (what makes it denoise)
 * @param epochs most passes over the users
 * @param batchSize users per Adam step
 * @param learningRate Adam's step size
 * @param weightDecay L2 penalty on both weight matrices, {@code weightDecay/2 · ‖W‖²} per step
 * @param patience epochs without a better validation NDCG@10 before training stops
 * @param validationUsers how many users lend a fifth of their items to validation (0: none, all epochs run)
 * @param threads PyTorch intra-op threads
 * @param seed seeds initial weights, shuffling, dropout and the validation sample
 */
public record DaeConfig(int hidden, double dropout, int epochs, int batchSize, double learningRate, double weightDecay,
    int patience, int validationUsers, int threads, long seed) {

  /** @throws IllegalArgumentException naming the first value out of range */
  public DaeConfig {
    requireRange("hidden width", hidden, 1, 65_536);
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("dropout must be in [0, 1), was " + dropout);
    }
    requireRange("epochs", epochs, 1, 100_000);
    requireRange("batch size", batchSize, 1, 1 << 20);
    if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
      throw new IllegalArgumentException("learning rate must be finite and > 0, was " + learningRate);
    }
    if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
      throw new IllegalArgumentException("weight decay must be finite and ≥ 0, was " + weightDecay);
    }
    requireRange("patience", patience, 1, 100_000);
    requireRange("validation users", validationUsers, 0, Integer.MAX_VALUE);
    requireRange("threads", threads, 1, 1024);
  }

  /**
   * Liang et al.'s Mult-DAE (600 tanh units, half the input dropped, Adam 0.001, L2 0.01) with batches of 128
   * users and early stopping on 200 users: on MovieLens 100K the validation curve peaks after 40–80 epochs.
   */
  public static DaeConfig defaults(long seed) {
    return new DaeConfig(600, 0.5, 200, 128, 1e-3, 0.01, 10, 200, 1, seed);
  }

  /**
   * Reads the options, defaults for those not given.
   *
   * @throws IllegalArgumentException naming the option that is malformed or out of range
   */
  public static DaeConfig read(PipelineOptions options) {
    DaeConfig d = defaults(options.seed());
    return new DaeConfig(
        options.getInt("dae-hidden", d.hidden(), 1, 65_536),
        options.getDouble("dae-dropout", d.dropout()),
        options.getInt("dae-epochs", d.epochs(), 1, 100_000),
        options.getInt("dae-batch", d.batchSize(), 1, 1 << 20),
        options.getDouble("dae-lr", d.learningRate()),
        options.getDouble("dae-weight-decay", d.weightDecay()),
        options.getInt("dae-patience", d.patience(), 1, 100_000),
        options.getInt("dae-validation-users", d.validationUsers(), 0, Integer.MAX_VALUE),
        options.getInt("dae-threads", d.threads(), 1, 1024),
        options.seed());
  }

  private static void requireRange(String what, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], was " + value);
    }
  }
}
