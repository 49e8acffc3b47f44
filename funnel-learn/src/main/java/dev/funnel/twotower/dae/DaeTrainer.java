package dev.funnel.twotower.dae;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.Seeds;
import dev.funnel.twotower.train.AdamParameters;
import dev.funnel.twotower.train.PyTorch;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Trains a {@link DaeModel}, the Mult-DAE of Liang et al., "Variational Autoencoders for Collaborative Filtering"
 * (WWW 2018), with DJL on PyTorch's CPU engine.
 *
 * <p>Each training row is one user's item set: a random share ({@code dropout}) of the items is hidden from the
 * encoder (the rest scaled up to keep the input's expected value), and the loss is the multinomial log-likelihood
 * of all of the user's items under the softmax over every item's score, plus {@code weightDecay/2 · ‖W‖²} on both
 * weight matrices (added to their gradients, so the loss printed is the likelihood term alone). Users are visited
 * once per epoch in a seeded order, {@code batchSize} per Adam step.
 *
 * <p>Before training a fifth of the items of {@code validationUsers} sampled users (those with at least five) are
 * held out; after each epoch the plain-Java model ranks them against every item those users did not keep, the best
 * epoch's weights are kept, and training stops after {@code patience} epochs without a better NDCG@10. The held-out
 * items are not trained on. Deterministic for a seed with one intra-op thread. Cost per epoch: about
 * {@code 6 · users · items · hidden} floating-point operations (two dense products forward, four backward); memory:
 * the weights, Adam's moments and a batch's dense input, each {@code items} wide.
 */
public final class DaeTrainer {
  private static final long SALT_INIT = 0x6461_6501L;
  private static final long SALT_SHUFFLE = 0x6461_6502L;
  private static final long SALT_DROPOUT = 0x6461_6503L;
  private static final long SALT_VALIDATION = 0x6461_6504L;
  private static final int MIN_VALIDATION_ITEMS = 5;
  private static final int K = 10;
  private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

  private final DaeConfig config;
  private final Listener listener;

  /** Hears each epoch's end. */
  @FunctionalInterface
  public interface Listener {
    Listener NONE = (epoch, loss, validationNdcg, best) -> {};

    /**
     * @param validationNdcg NDCG@10 of the validation users (NaN without them)
     * @param best whether this epoch's model is the best so far (the one kept unless a later one beats it)
     */
    void epochFinished(int epoch, double loss, double validationNdcg, boolean best);
  }

  /** @param listener hears each epoch's loss and validation NDCG@10 */
  public DaeTrainer(DaeConfig config, Listener listener) {
    this.config = config;
    this.listener = listener;
  }

  /**
   * What training kept and how it went.
   *
   * @param model the weights of the best epoch (the last one without validation)
   * @param bestEpoch that epoch
   * @param epochs how many epochs ran
   * @param validationNdcg the best epoch's validation NDCG@10 (NaN without validation)
   * @param seconds wall time
   */
  public record Result(DaeModel model, int bestEpoch, int epochs, double validationNdcg, double seconds) {
    @Override
    public String toString() {
      String validation = Double.isNaN(validationNdcg) ? "no validation"
          : String.format(java.util.Locale.ROOT, "validation NDCG@%d %.4f", K, validationNdcg);
      return String.format(java.util.Locale.ROOT, "autoencoder: kept epoch %d of %d (%s), %.1f s", bestEpoch, epochs,
          validation, seconds);
    }
  }

  /**
   * Trains on {@code interactions} (each user's distinct items, whatever their values).
   *
   * @throws IllegalArgumentException if there are no interactions
   * @throws IllegalStateException if training diverges (a loss that is not finite)
   */
  public Result train(InteractionMatrix interactions) {
    long started = System.nanoTime();
    if (interactions.nnz() == 0) {
      throw new IllegalArgumentException("no interactions to train the autoencoder on");
    }
    long widest = (long) interactions.numItems() * Math.max(config.hidden(), config.batchSize());
    if (widest > MAX_ARRAY) {
      throw new IllegalArgumentException("the autoencoder's dense layers hold items × max(hidden, batch) = "
          + interactions.numItems() + " × " + Math.max(config.hidden(), config.batchSize())
          + " values, more than one array can: it suits catalogues of up to a few hundred thousand items");
    }
    Rows rows = Rows.split(interactions, config.validationUsers(), Seeds.forIndex(config.seed(), SALT_VALIDATION, 0));
    int items = interactions.numItems();
    int hidden = config.hidden();
    Engine engine = PyTorch.engine(config.threads());
    try (NDManager manager = engine.newBaseManager()) {
      AdamParameters parameters = new AdamParameters(manager, config.learningRate());
      SplittableRandom init = new SplittableRandom(Seeds.forIndex(config.seed(), SALT_INIT, 0));
      double limit = Math.sqrt(6.0 / (items + hidden));
      double decay = config.weightDecay();
      NDArray encoder = parameters.add(AdamParameters.uniform(init, items * hidden, limit), decay, items, hidden);
      NDArray encoderBias = parameters.add(new float[hidden], hidden);
      // [hidden, items], so that every product of a step starts from one of the step's own arrays and is freed
      // with them (a product's result belongs to its first operand's manager).
      NDArray decoder = parameters.add(AdamParameters.uniform(init, hidden * items, limit), decay, hidden, items);
      NDArray decoderBias = parameters.add(new float[items], items);
      NDArray[] weights = {encoder, encoderBias, decoder, decoderBias};

      DaeModel best = null;
      double bestNdcg = Double.NEGATIVE_INFINITY;
      int bestEpoch = 0;
      int epoch = 1;
      int[] order = rows.trainingUsers();
      float[] input = new float[config.batchSize() * items];
      float[] target = new float[config.batchSize() * items];
      for (; epoch <= config.epochs(); epoch++) {
        shuffle(order, new SplittableRandom(Seeds.forIndex(config.seed(), SALT_SHUFFLE, epoch)));
        long dropoutSeed = Seeds.forIndex(config.seed(), SALT_DROPOUT, epoch);
        double lossSum = 0;
        int steps = 0;
        for (int start = 0; start < order.length; start += config.batchSize()) {
          int batch = Math.min(config.batchSize(), order.length - start);
          rows.fill(order, start, batch, items, config.dropout(), dropoutSeed, input, target);
          try (NDManager step = manager.newSubManager();
              GradientCollector collector = engine.newGradientCollector()) {
            NDArray x = step.create(firstRows(input, batch, items), new Shape(batch, items));
            NDArray y = step.create(firstRows(target, batch, items), new Shape(batch, items));
            NDArray h = x.matMul(encoder).add(encoderBias).tanh();
            NDArray logits = h.matMul(decoder).add(decoderBias);
            NDArray loss = logits.logSoftmax(1).mul(y).sum().div((float) -batch);
            collector.backward(loss);
            lossSum += loss.getFloat();
          }
          parameters.step();
          steps++;
        }
        double loss = lossSum / steps;
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException("autoencoder training diverged: the loss of epoch " + epoch + " is " + loss
              + "; lower the learning rate (" + config.learningRate() + ")");
        }
        DaeModel current = export(items, hidden, weights);
        double ndcg = rows.validationNdcg(current);
        boolean improved = rows.validationUsers() == 0 || ndcg > bestNdcg;
        if (improved) {
          best = current;
          bestNdcg = ndcg;
          bestEpoch = epoch;
        }
        listener.epochFinished(epoch, loss, ndcg, improved);
        if (epoch - bestEpoch >= config.patience()) {
          break;
        }
      }
      return new Result(best, bestEpoch, Math.min(epoch, config.epochs()), bestNdcg,
          (System.nanoTime() - started) / 1e9);
    }
  }

  private static DaeModel export(int items, int hidden, NDArray[] weights) {
    float[] byHidden = weights[2].toFloatArray();
    float[] byItem = new float[byHidden.length];
    for (int k = 0; k < hidden; k++) {
      for (int i = 0; i < items; i++) {
        byItem[i * hidden + k] = byHidden[k * items + i];
      }
    }
    return new DaeModel(items, hidden, weights[0].toFloatArray(), weights[1].toFloatArray(), byItem,
        weights[3].toFloatArray());
  }

  /** The first {@code rows} rows of a full batch's buffer (a copy only for the last, shorter batch). */
  private static float[] firstRows(float[] buffer, int rows, int width) {
    return rows * width == buffer.length ? buffer : Arrays.copyOf(buffer, rows * width);
  }

  private static void shuffle(int[] values, SplittableRandom random) {
    for (int k = values.length - 1; k > 0; k--) {
      int j = random.nextInt(k + 1);
      int swap = values[k];
      values[k] = values[j];
      values[j] = swap;
    }
  }

  /** Every user's training items, and the validation users' held-out items. */
  private static final class Rows {
    private final int[][] kept;
    private final int[] validationUsers;
    private final int[][] heldOut;

    private Rows(int[][] kept, int[] validationUsers, int[][] heldOut) {
      this.kept = kept;
      this.validationUsers = validationUsers;
      this.heldOut = heldOut;
    }

    /** Each user's distinct items; a fifth of those of up to {@code n} sampled users set aside. */
    static Rows split(InteractionMatrix m, int n, long seed) {
      int[][] kept = new int[m.numUsers()][];
      for (int u = 0; u < m.numUsers(); u++) {
        kept[u] = Arrays.stream(m.userItems(), m.userOffsets()[u], m.userOffsets()[u + 1]).sorted().distinct()
            .toArray();
      }
      int[] candidates = java.util.stream.IntStream.range(0, m.numUsers())
          .filter(u -> kept[u].length >= MIN_VALIDATION_ITEMS).toArray();
      SplittableRandom random = new SplittableRandom(seed);
      shuffle(candidates, random);
      int[] users = Arrays.copyOf(candidates, Math.min(n, candidates.length));
      Arrays.sort(users);
      int[][] heldOut = new int[users.length][];
      for (int v = 0; v < users.length; v++) {
        int[] items = kept[users[v]].clone();
        shuffle(items, random);
        int held = items.length / 5;
        heldOut[v] = Arrays.copyOf(items, held);
        int[] rest = Arrays.copyOfRange(items, held, items.length);
        Arrays.sort(rest);
        kept[users[v]] = rest;
      }
      return new Rows(kept, users, heldOut);
    }

    int validationUsers() {
      return validationUsers.length;
    }

    /** The users with something to train on. */
    int[] trainingUsers() {
      return java.util.stream.IntStream.range(0, kept.length).filter(u -> kept[u].length > 0).toArray();
    }

    /**
     * Writes the rows of {@code order[start..start+batch)} into the first {@code batch} rows of {@code input} (the
     * unit-length indicator with each item dropped at rate {@code dropout}, survivors scaled by 1/(1 − dropout))
     * and {@code target} (the indicator). Each user draws from a stream of its own, seeded by the epoch.
     */
    void fill(int[] order, int start, int batch, int items, double dropout, long epochSeed, float[] input,
        float[] target) {
      Arrays.fill(input, 0, batch * items, 0f);
      Arrays.fill(target, 0, batch * items, 0f);
      for (int r = 0; r < batch; r++) {
        int u = order[start + r];
        SplittableRandom random = new SplittableRandom(Seeds.forIndex(epochSeed, SALT_DROPOUT, u));
        float value = (float) (1 / Math.sqrt(kept[u].length) / (1 - dropout));
        for (int i : kept[u]) {
          target[r * items + i] = 1f;
          if (random.nextDouble() >= dropout) {
            input[r * items + i] = value;
          }
        }
      }
    }

    /** Mean NDCG@10 of the held-out items over the validation users (NaN without any). */
    double validationNdcg(DaeModel model) {
      if (validationUsers.length == 0) {
        return Double.NaN;
      }
      double sum = 0;
      float[] scores = new float[model.numItems()];
      for (int v = 0; v < validationUsers.length; v++) {
        int[] input = kept[validationUsers[v]];
        float[] h = model.encode(input, 0, input.length);
        for (int i = 0; i < scores.length; i++) {
          scores[i] = model.score(h, i);
        }
        for (int i : input) {
          scores[i] = Float.NEGATIVE_INFINITY;
        }
        sum += ndcg(scores, heldOut[v]);
      }
      return sum / validationUsers.length;
    }

    /** NDCG@10 of the relevant items under {@code scores} (ties broken by id, lower first). */
    private static double ndcg(float[] scores, int[] relevant) {
      double dcg = 0;
      for (int target : relevant) {
        int rank = 0;
        for (int i = 0; i < scores.length && rank < K; i++) {
          if (scores[i] > scores[target] || (scores[i] == scores[target] && i < target)) {
            rank++;
          }
        }
        if (rank < K) {
          dcg += 1 / (Math.log(rank + 2) / Math.log(2));
        }
      }
      double ideal = 0;
      for (int r = 0; r < Math.min(K, relevant.length); r++) {
        ideal += 1 / (Math.log(r + 2) / Math.log(2));
      }
      return dcg / ideal;
    }
  }
}
