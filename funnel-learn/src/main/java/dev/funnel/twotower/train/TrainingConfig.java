package dev.funnel.twotower.train;

/**
 * How the towers are trained. Build one with {@link #builder()}; the constructor checks every value and that
 * they fit together.
 *
 * @param mode pointwise, pairwise or listwise
 * @param pairLoss the pairwise loss (pairwise mode only)
 * @param negatives where negatives come from
 * @param negativesPerPositive sampled negatives per positive: r of pointwise's 1:r, pairwise's triplets per
 *     positive, listwise's N (ignored when the mix samples nothing)
 * @param margin hinge margin m, on cosines
 * @param sigma logistic pairwise slope σ
 * @param temperature τ: pointwise and listwise logits are score / τ
 * @param logQ whether in-batch logits subtract log q(item), q = the item's share of training positives
 * @param batchSize positives per step
 * @param epochs most passes over the training positives
 * @param learningRate Adam's step size
 * @param seed seeds initial weights, shuffling, negatives and the validation sample
 * @param patience epochs without a better validation NDCG@10 before training stops
 * @param validationUsers how many users lend their last interaction to validation (0: none, no early stopping)
 * @param idDropout chance that a training row uses the unknown id instead of its own (trains the unknown rows)
 * @param threads PyTorch intra-op threads
 * @param workers threads that each compute the gradient of a share of every batch (data parallelism on one
 *     machine): the shares' gradients add up in the shared parameters before one Adam step. Pointwise and
 *     pairwise losses are sums over rows, so any number of workers computes the same gradient as one (up to
 *     rounding); in-batch negatives come from the worker's share of the batch only
 */
public record TrainingConfig(
    TrainingMode mode, PairLoss pairLoss, NegativeMix negatives, int negativesPerPositive, double margin,
    double sigma, double temperature, boolean logQ, int batchSize, int epochs, double learningRate, long seed,
    int patience, int validationUsers, double idDropout, int threads, int workers) {

  /** @throws IllegalArgumentException naming the first value out of range or the settings that conflict */
  public TrainingConfig {
    if (mode == null || pairLoss == null || negatives == null) {
      throw new IllegalArgumentException("mode, pair loss and negatives must be given");
    }
    if (negatives.inBatch() && mode != TrainingMode.LISTWISE) {
      throw new IllegalArgumentException("in-batch negatives need listwise mode, not " + mode.cliName()
          + "; use uniform, popularity or exposed negatives");
    }
    if (negatives.sampled()) {
      requireRange("negatives per positive", negativesPerPositive, 1, 10_000);
    }
    requirePositive("temperature", temperature);
    requirePositive("sigma", sigma);
    if (!(margin >= 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException("margin must be finite and ≥ 0, was " + margin);
    }
    requireRange("batch size", batchSize, negatives.inBatch() ? 2 : 1, 1 << 20);
    requireRange("epochs", epochs, 1, 100_000);
    requirePositive("learning rate", learningRate);
    requireRange("patience", patience, 1, 100_000);
    requireRange("validation users", validationUsers, 0, Integer.MAX_VALUE);
    if (!(idDropout >= 0 && idDropout < 1)) {
      throw new IllegalArgumentException("id dropout must be in [0, 1), was " + idDropout);
    }
    requireRange("threads", threads, 1, 1024);
    requireRange("workers", workers, 1, 1024);
  }

  private static void requireRange(String what, long value, long min, long max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(what + " must be in [" + min + ", " + max + "], was " + value);
    }
  }

  private static void requirePositive(String what, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + " must be finite and > 0, was " + value);
    }
  }

  /** Sampled negatives per positive actually drawn (0 when the mix is in-batch only). */
  public int sampledPerPositive() {
    return negatives.sampled() ? negativesPerPositive : 0;
  }

  /** A builder holding the defaults: listwise, in-batch with logQ, τ 0.05, batch 512, 10 epochs, Adam 0.005. */
  public static Builder builder() {
    return new Builder();
  }

  /** The same settings in a builder, to change a few. */
  public Builder toBuilder() {
    return new Builder().mode(mode).pairLoss(pairLoss).negatives(negatives).negativesPerPositive(negativesPerPositive)
        .margin(margin).sigma(sigma).temperature(temperature).logQ(logQ).batchSize(batchSize).epochs(epochs)
        .learningRate(learningRate).seed(seed).patience(patience).validationUsers(validationUsers)
        .idDropout(idDropout).threads(threads).workers(workers);
  }

  /** Collects settings; {@link #build} checks them. Not thread-safe. */
  public static final class Builder {
    private TrainingMode mode = TrainingMode.LISTWISE;
    private PairLoss pairLoss = PairLoss.HINGE;
    private NegativeMix negatives = NegativeMix.parse("in-batch");
    private int negativesPerPositive = 3;
    private double margin = 0.2;
    private double sigma = 10;
    private double temperature = 0.05;
    private boolean logQ = true;
    private int batchSize = 512;
    private int epochs = 10;
    private double learningRate = 0.005;
    private long seed = 42;
    private int patience = 2;
    private int validationUsers = 200;
    private double idDropout = 0.05;
    private int threads = 1;
    private int workers = 1;

    private Builder() {}

    public Builder mode(TrainingMode value) {
      mode = value;
      return this;
    }

    public Builder pairLoss(PairLoss value) {
      pairLoss = value;
      return this;
    }

    public Builder negatives(NegativeMix value) {
      negatives = value;
      return this;
    }

    public Builder negativesPerPositive(int value) {
      negativesPerPositive = value;
      return this;
    }

    public Builder margin(double value) {
      margin = value;
      return this;
    }

    public Builder sigma(double value) {
      sigma = value;
      return this;
    }

    public Builder temperature(double value) {
      temperature = value;
      return this;
    }

    public Builder logQ(boolean value) {
      logQ = value;
      return this;
    }

    public Builder batchSize(int value) {
      batchSize = value;
      return this;
    }

    public Builder epochs(int value) {
      epochs = value;
      return this;
    }

    public Builder learningRate(double value) {
      learningRate = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder patience(int value) {
      patience = value;
      return this;
    }

    public Builder validationUsers(int value) {
      validationUsers = value;
      return this;
    }

    public Builder idDropout(double value) {
      idDropout = value;
      return this;
    }

    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public Builder workers(int value) {
      workers = value;
      return this;
    }

    /** @throws IllegalArgumentException as the record's constructor */
    public TrainingConfig build() {
      return new TrainingConfig(mode, pairLoss, negatives, negativesPerPositive, margin, sigma, temperature, logQ,
          batchSize, epochs, learningRate, seed, patience, validationUsers, idDropout, threads, workers);
    }
  }
}
