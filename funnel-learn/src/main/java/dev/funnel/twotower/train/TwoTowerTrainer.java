package dev.funnel.twotower.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import com.sun.management.OperatingSystemMXBean;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.util.Seeds;
import dev.funnel.twotower.model.TowerConfig;
import dev.funnel.twotower.model.TowerInputs;
import dev.funnel.twotower.model.TwoTowerModel;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Trains a two-tower model with DJL on PyTorch's CPU engine and returns it as a plain-Java {@link TwoTowerModel}.
 *
 * <p>Each training positive is a (user, item) interaction; the user tower sees the user's id, features and the
 * mean of the id embeddings of up to {@code historyLength} items the user interacted with <em>before</em> it (the
 * same input serving builds from the live history, without leaking the positive). An epoch visits every positive
 * once in a seeded random order, in batches: one forward graph per batch for both towers, the loss of the
 * configured mode, one backward pass, one Adam step — a few dozen JNI calls per batch whatever its size. With
 * {@code workers} > 1 the batch is cut into that many shares, computed at once on as many pool threads (each builds
 * its rows' inputs, runs forward and backward), and their gradients add up in the shared parameters (PyTorch
 * accumulates a leaf's gradient under a lock) before the one Adam step: on two idle cores, 1.35–1.38× the examples
 * per second of one worker (RESULTS.md).
 *
 * <p>Before training, the last interaction of a seeded sample of users is held out; after each epoch the model's
 * HR@10/NDCG@10 on them is measured with the plain-Java forward pass, the best epoch's weights are kept, and
 * training stops after {@code patience} epochs without improvement. Ids (users or items) with no training
 * positive share their tower's unknown row, which id dropout trains.
 *
 * <p>Deterministic: the same data, configurations and seed give the same weights (with one intra-op thread;
 * PyTorch's parallel reductions may reorder sums with more). Each row draws its negatives and id dropout from its
 * own seeded stream, so the number of workers changes only the order in which gradients are summed (and, with
 * in-batch negatives, which rows are each other's negatives). With two workers the two shares' sums are added in
 * either order with the same result, so such runs repeat exactly too. Not thread-safe; trains one model at a time.
 */
public final class TwoTowerTrainer {
  private static final long SALT_INIT = 0x7477_0001L;
  private static final long SALT_SHUFFLE = 0x7477_0002L;
  private static final long SALT_NEGATIVES = 0x7477_0003L;
  private static final long SALT_VALIDATION = 0x7477_0004L;

  /**
   * The process's CPU time: with one intra-op thread PyTorch computes on the threads that call it (the trainer's
   * and its workers), so this is the work done, whatever else the machine runs.
   */
  private static final OperatingSystemMXBean CPU =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

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
    ExecutorService workers = training.workers() == 1 ? null : Executors.newFixedThreadPool(training.workers(),
        runnable -> {
          Thread thread = new Thread(runnable, "two-tower-worker");
          thread.setDaemon(true);
          return thread;
        });
    try (NDManager manager = engine.newBaseManager();
        DjlTowers towers = new DjlTowers(manager, tower, userInputs, itemInputs, training.learningRate(),
            Seeds.forIndex(training.seed(), SALT_INIT, 0))) {
      Epoch epoch = new Epoch(m, positives, sampler, userInputs, itemInputs, towers, new Losses(training), workers);
      List<EpochReport> reports = new ArrayList<>();
      TwoTowerModel best = null;
      double bestNdcg = Double.NEGATIVE_INFINITY;
      int bestEpoch = 0;
      for (int e = 1; e <= training.epochs(); e++) {
        long start = System.nanoTime();
        long cpuStart = CPU.getProcessCpuTime();
        double loss = epoch.run(engine, manager, e);
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (CPU.getProcessCpuTime() - cpuStart) / 1e9;
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
    } finally {
      if (workers != null) {
        workers.shutdownNow();
      }
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
    /** In-batch negatives need another row in the batch (and in each share of it). */
    private final int minRows;
    /** Computes the shares of each step (null with one worker: the trainer's thread does all). */
    private final ExecutorService workers;

    Epoch(InteractionMatrix m, Positives positives, NegativeSampler sampler, TowerInputs userInputs,
        TowerInputs itemInputs, DjlTowers towers, Losses losses, ExecutorService workers) {
      this.m = m;
      this.positives = positives;
      this.sampler = sampler;
      this.userInputs = userInputs;
      this.itemInputs = itemInputs;
      this.towers = towers;
      this.losses = losses;
      this.order = new int[positives.size()];
      this.minRows = training.negatives().inBatch() ? 2 : 1;
      this.workers = workers;
    }

    /** Trains on every positive once; returns the mean batch loss. */
    double run(Engine engine, NDManager manager, int epoch) {
      SplittableRandom shuffle = new SplittableRandom(Seeds.forIndex(training.seed(), SALT_SHUFFLE, epoch));
      for (int k = 0; k < order.length; k++) {
        int j = shuffle.nextInt(k + 1);
        order[k] = order[j];
        order[j] = k;
      }
      long epochSeed = Seeds.forIndex(training.seed(), SALT_NEGATIVES, epoch);
      double lossSum = 0;
      int batches = 0;
      for (int start = 0; start + minRows <= order.length; start += training.batchSize()) {
        int rows = Math.min(training.batchSize(), order.length - start);
        lossSum += step(engine, manager, start, rows, epochSeed);
        batches++;
      }
      return batches == 0 ? Double.NaN : lossSum / batches;
    }

    /**
     * One optimiser step on the batch {@code order[start .. start + rows)}: with several workers each computes the
     * gradient of a contiguous share, and the gradients add up in the shared parameters before Adam. Returns the
     * batch's mean loss.
     */
    private double step(Engine engine, NDManager manager, int start, int rows, long epochSeed) {
      int shares = workers == null ? 1 : Math.max(1, Math.min(training.workers(), rows / minRows));
      double loss;
      try (GradientCollector collector = engine.newGradientCollector()) {
        if (shares == 1) {
          loss = share(collector, manager, start, rows, rows, epochSeed);
        } else {
          List<Callable<Double>> tasks = new ArrayList<>(shares);
          int size = rows / shares;
          for (int s = 0; s < shares; s++) {
            int from = start + s * size;
            int length = s == shares - 1 ? rows - s * size : size;
            tasks.add(() -> {
              PyTorch.recordGradients();
              return share(collector, manager, from, length, rows, epochSeed);
            });
          }
          loss = sum(tasks);
        }
      }
      towers.step();
      return loss;
    }

    /** Runs every share on the workers and returns the sum of their losses; all have finished when it returns. */
    private double sum(List<Callable<Double>> tasks) {
      try {
        double sum = 0;
        for (Future<Double> share : workers.invokeAll(tasks)) {
          sum += share.get();
        }
        return sum;
      } catch (ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while training", e);
      }
    }

    /**
     * Forward and backward pass of the rows {@code order[start .. start + rows)}, their loss weighted by their
     * share of the {@code batchRows} in the step (so that the shares' gradients add up to the batch's); returns
     * the weighted loss. Each row draws its negatives and id dropout from a stream of its own (seeded by the
     * epoch and the positive), so the seed fixes the run whatever the number of workers.
     */
    private double share(GradientCollector collector, NDManager manager, int start, int rows, int batchRows,
        long epochSeed) {
      int k = training.sampledPerPositive();
      int[] users = new int[rows];
      int[] from = new int[rows];
      int[] to = new int[rows];
      int[] items = new int[rows * (1 + k)];
      boolean[] dropUser = new boolean[rows];
      boolean[] dropItem = new boolean[items.length];
      double dropout = training.idDropout();
      for (int r = 0; r < rows; r++) {
        int example = order[start + r];
        SplittableRandom random = new SplittableRandom(Seeds.forIndex(epochSeed, SALT_NEGATIVES, example));
        int p = positives.positions[example];
        int u = positives.users[example];
        users[r] = u;
        items[r] = m.userItems()[p];
        from[r] = Math.max(m.userOffsets()[u], p - tower.historyLength());
        to[r] = p;
        dropUser[r] = random.nextDouble() < dropout;
        dropItem[r] = random.nextDouble() < dropout;
        for (int j = 0; j < k; j++) {
          items[rows + r * k + j] = sampler.draw(u, items[r], random);
          dropItem[rows + r * k + j] = random.nextDouble() < dropout;
        }
      }
      TowerBatch userBatch = TowerBatch.of(userInputs, users, rows);
      userBatch.dropIds(dropUser);
      if (tower.historyLength() > 0) {
        userBatch.history(itemInputs, m.userItems(), from, to);
      }
      TowerBatch itemBatch = TowerBatch.of(itemInputs, items, items.length);
      itemBatch.dropIds(dropItem);
      float[] logQ = null;
      if (training.negatives().inBatch() && training.logQ()) {
        logQ = new float[rows];
        for (int r = 0; r < rows; r++) {
          logQ[r] = positives.logQ[items[r]];
        }
      }
      try (NDManager step = manager.newSubManager()) {
        NDArray u = towers.users(step, userBatch);
        NDArray v = towers.items(step, itemBatch);
        NDArray loss = losses.loss(step, u, v, rows, items, logQ);
        if (rows != batchRows) {
          loss = loss.mul((float) rows / batchRows);
        }
        collector.backward(loss);
        return loss.getFloat();
      }
    }
  }
}
