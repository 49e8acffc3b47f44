package dev.funnel.twotower.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.Seeds;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TowerInputs;
import dev.funnel.twotower.model.TwoTowerModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Trains a two-tower model with DJL on PyTorch's CPU engine and returns it as a plain-Java {@link TwoTowerModel}.
 *
 * <p>Each training positive is a (user, item) interaction; the user tower sees the user's id, features and the
 * mean of the id embeddings of up to {@code historyLength} items the user interacted with <em>before</em> it (the
 * same input serving builds from the live history, without leaking the positive). An epoch visits every positive
 * once in a seeded random order, in batches: one forward graph per batch for both towers, the loss of the
 * configured mode, one backward pass, one Adam step — a few dozen JNI calls per batch whatever its size.
 *
 * <p>Before training, the last interaction of a seeded sample of users is held out; after each epoch the model's
 * HR@10/NDCG@10 on them is measured with the plain-Java forward pass, the best epoch's weights are kept, and
 * training stops after {@code patience} epochs without improvement. Ids (users or items) with no training
 * positive share their tower's unknown row, which id dropout trains.
 *
 * <p>Deterministic: the same data, configurations and seed give the same weights (with one intra-op thread;
 * PyTorch's parallel reductions may reorder sums with more). Not thread-safe; trains one model at a time.
 */
public final class TwoTowerTrainer {
  private static final long SALT_INIT = 0x7477_0001L;
  private static final long SALT_SHUFFLE = 0x7477_0002L;
  private static final long SALT_NEGATIVES = 0x7477_0003L;
  private static final long SALT_VALIDATION = 0x7477_0004L;

  /** Thread CPU time: with one intra-op thread PyTorch computes on the calling thread, so this is the work done. */
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final TowerConfig tower;
  private final TrainingConfig training;

  public TwoTowerTrainer(TowerConfig tower, TrainingConfig training) {
    this.tower = tower;
    this.training = training;
  }

  /**
   * Trains on {@code data}'s interactions.
   *
   * @param exposures the impression log for exposed negatives ({@link Exposures#NONE} if there is none)
   * @throws IllegalArgumentException if there are no interactions, or the negatives need exposures that are missing
   *     or invalid
   * @throws IllegalStateException if training diverges (a loss that is not finite)
   */
  public TrainingResult train(Dataset data, Exposures exposures, TrainingListener listener) {
    InteractionMatrix m = data.interactions();
    if (m.nnz() == 0) {
      throw new IllegalArgumentException("no interactions to train on in " + data.name());
    }
    NegativeSampler sampler = new NegativeSampler(m, training.negatives(), exposures);
    HeldOut heldOut = HeldOut.sample(m, training.validationUsers(), Seeds.forIndex(training.seed(), SALT_VALIDATION, 0));
    Positives positives = new Positives(m, heldOut);
    TowerInputs userInputs =
        TowerInputs.build(data.userFeatures(), m.numUsers(), u -> positives.userCount[u] > 0, tower);
    TowerInputs itemInputs =
        TowerInputs.build(data.itemFeatures(), m.numItems(), i -> positives.itemCount[i] > 0, tower);
    Engine engine = PyTorch.engine(training.threads());
    try (NDManager manager = engine.newBaseManager();
        DjlTowers towers = new DjlTowers(manager, tower, userInputs, itemInputs, training.learningRate(),
            Seeds.forIndex(training.seed(), SALT_INIT, 0))) {
      Epoch epoch = new Epoch(m, positives, sampler, userInputs, itemInputs, towers, new Losses(training));
      List<EpochReport> reports = new ArrayList<>();
      TwoTowerModel best = null;
      double bestNdcg = Double.NEGATIVE_INFINITY;
      int bestEpoch = 0;
      for (int e = 1; e <= training.epochs(); e++) {
        long start = System.nanoTime();
        long cpuStart = CPU.getCurrentThreadCpuTime();
        double loss = epoch.run(engine, manager, e);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (CPU.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (!Double.isFinite(loss)) {
          throw new IllegalStateException("training diverged: the loss of epoch " + e + " is " + loss
              + "; lower the learning rate (" + training.learningRate() + ") or raise the temperature ("
              + training.temperature() + ")");
        }
        TwoTowerModel current = towers.export();
        double[] validation = heldOut.measure(current);
        boolean improved = heldOut.size() == 0 || validation[1] > bestNdcg;
        if (improved) {
          best = current;
          bestNdcg = validation[1];
          bestEpoch = e;
        }
        EpochReport report = new EpochReport(e, loss, positives.size(), seconds, cpuSeconds, validation[0], validation[1],
            improved);
        reports.add(report);
        listener.epochFinished(report);
        if (e - bestEpoch >= training.patience()) {
          break;
        }
      }
      return new TrainingResult(best, reports, bestEpoch, heldOut.size());
    }
  }

  /** The training positives: CSR positions not held out, with their users; counts per user and item. */
  private static final class Positives {
    final int[] positions;
    final int[] users;
    final int[] userCount;
    final int[] itemCount;
    final float[] logQ;

    Positives(InteractionMatrix m, HeldOut heldOut) {
      int n = m.nnz() - heldOut.size();
      positions = new int[n];
      users = new int[n];
      userCount = new int[m.numUsers()];
      itemCount = new int[m.numItems()];
      int k = 0;
      for (int u = 0; u < m.numUsers(); u++) {
        for (int p = m.userOffsets()[u]; p < m.userOffsets()[u + 1]; p++) {
          if (!heldOut.isHeldOut(p)) {
            positions[k] = p;
            users[k++] = u;
            userCount[u]++;
            itemCount[m.userItems()[p]]++;
          }
        }
      }
      // In-batch negatives are other rows' positives, so an item is drawn as often as it is a positive.
      logQ = new float[m.numItems()];
      for (int i = 0; i < logQ.length; i++) {
        logQ[i] = itemCount[i] == 0 ? 0f : (float) Math.log((double) itemCount[i] / n);
      }
    }

    int size() {
      return positions.length;
    }
  }

  /** One pass over the positives. */
  private final class Epoch {
    private final InteractionMatrix m;
    private final Positives positives;
    private final NegativeSampler sampler;
    private final TowerInputs userInputs;
    private final TowerInputs itemInputs;
    private final DjlTowers towers;
    private final Losses losses;
    private final int[] order;

    Epoch(InteractionMatrix m, Positives positives, NegativeSampler sampler, TowerInputs userInputs,
        TowerInputs itemInputs, DjlTowers towers, Losses losses) {
      this.m = m;
      this.positives = positives;
      this.sampler = sampler;
      this.userInputs = userInputs;
      this.itemInputs = itemInputs;
      this.towers = towers;
      this.losses = losses;
      this.order = new int[positives.size()];
    }

    /** Trains on every positive once; returns the mean batch loss. */
    double run(Engine engine, NDManager manager, int epoch) {
      SplittableRandom shuffle = new SplittableRandom(Seeds.forIndex(training.seed(), SALT_SHUFFLE, epoch));
      for (int k = 0; k < order.length; k++) {
        int j = shuffle.nextInt(k + 1);
        order[k] = order[j];
        order[j] = k;
      }
      SplittableRandom random = new SplittableRandom(Seeds.forIndex(training.seed(), SALT_NEGATIVES, epoch));
      int minRows = training.negatives().inBatch() ? 2 : 1;
      double lossSum = 0;
      int batches = 0;
      for (int start = 0; start + minRows <= order.length; start += training.batchSize()) {
        int rows = Math.min(training.batchSize(), order.length - start);
        lossSum += step(engine, manager, start, rows, random);
        batches++;
      }
      return batches == 0 ? Double.NaN : lossSum / batches;
    }

    private double step(Engine engine, NDManager manager, int start, int rows, SplittableRandom random) {
      int k = training.sampledPerPositive();
      int[] users = new int[rows];
      int[] from = new int[rows];
      int[] to = new int[rows];
      int[] items = new int[rows * (1 + k)];
      for (int r = 0; r < rows; r++) {
        int example = order[start + r];
        int p = positives.positions[example];
        int u = positives.users[example];
        users[r] = u;
        items[r] = m.userItems()[p];
        from[r] = Math.max(m.userOffsets()[u], p - tower.historyLength());
        to[r] = p;
        for (int j = 0; j < k; j++) {
          items[rows + r * k + j] = sampler.draw(u, items[r], random);
        }
      }
      TowerBatch userBatch = TowerBatch.of(userInputs, users, rows);
      userBatch.dropIds(training.idDropout(), random);
      if (tower.historyLength() > 0) {
        userBatch.history(itemInputs, m.userItems(), from, to);
      }
      TowerBatch itemBatch = TowerBatch.of(itemInputs, items, items.length);
      itemBatch.dropIds(training.idDropout(), random);
      float[] logQ = null;
      if (training.negatives().inBatch() && training.logQ()) {
        logQ = new float[rows];
        for (int r = 0; r < rows; r++) {
          logQ[r] = positives.logQ[items[r]];
        }
      }
      try (NDManager step = manager.newSubManager()) {
        float loss;
        try (GradientCollector collector = engine.newGradientCollector()) {
          NDArray u = towers.users(step, userBatch);
          NDArray v = towers.items(step, itemBatch);
          NDArray batchLoss = losses.loss(step, u, v, rows, items, logQ);
          collector.backward(batchLoss);
          loss = batchLoss.getFloat();
        }
        towers.step();
        return loss;
      }
    }
  }
}
