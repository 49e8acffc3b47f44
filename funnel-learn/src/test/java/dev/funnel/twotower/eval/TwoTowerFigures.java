package dev.funnel.twotower.eval;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.eval.EvalReport;
import dev.funnel.core.eval.Evaluator;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Protocol;
import dev.funnel.core.eval.Recommender;
import dev.funnel.core.eval.Split;
import dev.funnel.core.eval.Splitter;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.util.Seeds;
import dev.funnel.core.util.TopK;
import dev.funnel.twotower.TwoTowerOptions;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.train.EpochReport;
import dev.funnel.twotower.train.Exposures;
import dev.funnel.twotower.train.TrainingResult;
import dev.funnel.twotower.train.TwoTowerTrainer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Produces the figures of {@code RESULTS.md}. Not a test: run it by hand, e.g.
 * {@code java -cp … dev.funnel.twotower.eval.TwoTowerFigures ml-100k loo tt-mode=pairwise tt-negatives=uniform}.
 *
 * <p>Arguments: dataset ({@code ml-100k} or {@code ml-latest-small}, read from {@code ../shared/data} or
 * {@code /work/shared/data}), protocol ({@code loo}, {@code random} — per-user 75/25 as in BENCHMARKS.md — or
 * {@code tfrs}, or {@code throughput}: train on everything, report examples/s), then {@code name=value} pipeline
 * options ({@code seed=N} seeds the training, not the splits). {@code tfrs} is TensorFlow Recommenders' retrieval
 * tutorial protocol: a global seeded random 80/20 split of the interactions (not per user), and top-100 accuracy =
 * the share of test interactions whose item is among the user's 100 best-scored items, once ranking every item
 * (as TFRS's FactorizedTopK does, training items included) and once excluding the user's training items.
 */
public final class TwoTowerFigures {
  private static final long SEED = 42;
  private static final long SALT_TFRS = 0x7466_7273L;

  private TwoTowerFigures() {}

  public static void main(String[] args) throws Exception {
    Dataset dataset = load(args[0]);
    Map<String, String> given = new LinkedHashMap<>();
    for (int a = 2; a < args.length; a++) {
      String[] kv = args[a].split("=", 2);
      given.put(kv[0], kv[1]);
    }
    // seed=N seeds the training only: the splits keep SEED, so runs differ by the model's randomness alone.
    String trainingSeed = given.remove("seed");
    PipelineOptions options = new PipelineOptions(given, trainingSeed == null ? SEED : Long.parseLong(trainingSeed));
    if (args[1].equals("tfrs")) {
      tfrs(dataset, options);
      return;
    }
    if (args[1].equals("throughput")) {
      TwoTowerOptions settings = TwoTowerOptions.read(options);
      TrainingResult result = new TwoTowerTrainer(settings.tower(), settings.training())
          .train(dataset, Exposures.NONE, TwoTowerFigures::print);
      System.out.printf(Locale.ROOT, "throughput %s: %.0f examples/s, %.0f per CPU-s, over %d epochs%n",
          options.used(), result.examplesPerSecond(), result.examplesPerCpuSecond(), result.epochs().size());
      return;
    }
    Protocol protocol = Protocol.parse(args[1]);
    Split split = Splitter.split(dataset.interactions(), protocol, SEED);
    EvalReport report = Evaluator.evaluate(dataset, split, new TwoTowerPipeline(TwoTowerFigures::print), options,
        new int[] {10, 100}, done -> { });
    System.out.println(report.table());
  }

  private static void print(EpochReport r) {
    System.out.printf(Locale.ROOT, "epoch %d: loss %.4f, %.0f examples/s (%.0f per CPU-s), validation HR@10 %.4f NDCG@10 %.4f%s%n",
        r.epoch(), r.loss(), r.examplesPerSecond(), r.examplesPerCpuSecond(), r.validationHr(), r.validationNdcg(), r.best() ? " *" : "");
  }

  private static Dataset load(String name) throws Exception {
    Path root = Path.of("../shared/data");
    if (!Files.isDirectory(root)) {
      root = Path.of("/work/shared/data");
    }
    DataFormat format = name.equals("ml-100k") ? DataFormat.MOVIELENS_100K : DataFormat.MOVIELENS_LATEST;
    return format.reader().read(root.resolve(name), FeedbackConfig.DEFAULT);
  }

  private static void tfrs(Dataset dataset, PipelineOptions options) {
    InteractionMatrix all = dataset.interactions();
    boolean[] inTrain = new boolean[all.nnz()];
    SplittableRandom random = new SplittableRandom(Seeds.forIndex(SEED, SALT_TFRS, 0));
    for (int p = 0; p < inTrain.length; p++) {
      inTrain[p] = random.nextDouble() < 0.8;
    }
    InteractionMatrix train = all.select(p -> inTrain[p]);
    TwoTowerOptions settings = TwoTowerOptions.read(options);
    TrainingResult result = new TwoTowerTrainer(settings.tower(), settings.training())
        .train(dataset.withInteractions(train), Exposures.NONE, r -> print(r));
    TwoTowerModel model = result.model();
    Recommender excluding = TwoTowerPipeline.recommender(model, train);
    float[] itemVectors = model.itemVectors();
    long tests = 0;
    long hitsExcluding = 0;
    long hitsIncluding = 0;
    boolean[] mark = new boolean[all.numItems()];
    for (int u = 0; u < all.numUsers(); u++) {
      if (train.userDegree(u) == 0) {
        continue; // like Split.testUsers: a user with no training history is cold start, not this model
      }
      int[] topExcluding = excluding.recommend(u, 100);
      int[] topIncluding = userRanking(model, itemVectors, train, u);
      for (int p = all.userOffsets()[u]; p < all.userOffsets()[u + 1]; p++) {
        if (!inTrain[p]) {
          mark[all.userItems()[p]] = true;
          tests++;
        }
      }
      for (int i : topExcluding) {
        hitsExcluding += mark[i] ? 1 : 0;
      }
      for (int i : topIncluding) {
        hitsIncluding += mark[i] ? 1 : 0;
      }
      for (int p = all.userOffsets()[u]; p < all.userOffsets()[u + 1]; p++) {
        mark[all.userItems()[p]] = false;
      }
    }
    System.out.printf(Locale.ROOT, "tfrs protocol: %d train, %d test interactions; options %s%n", train.nnz(), tests,
        options.used());
    System.out.printf(Locale.ROOT, "top-100 accuracy, every item ranked (TFRS): %.4f%n", (double) hitsIncluding / tests);
    System.out.printf(Locale.ROOT, "top-100 accuracy, training items excluded: %.4f%n", (double) hitsExcluding / tests);
    System.out.printf(Locale.ROOT, "training: %.0f examples/s (%.0f per CPU-s), best epoch %d%n",
        result.examplesPerSecond(), result.examplesPerCpuSecond(), result.bestEpoch());
  }

  /** The user's 100 best items over the whole catalogue, training items included (TFRS's FactorizedTopK). */
  private static int[] userRanking(TwoTowerModel model, float[] itemVectors, InteractionMatrix train, int u) {
    float[] a = model.userVector(u, train.userItems(), train.userOffsets()[u], train.userOffsets()[u + 1]);
    TopK top = new TopK(100);
    int d = model.dim();
    for (int i = 0; i < model.numItems(); i++) {
      top.offer(i, TwoTowerModel.score(a, java.util.Arrays.copyOfRange(itemVectors, i * d, (i + 1) * d)));
    }
    return top.drainIds();
  }
}
