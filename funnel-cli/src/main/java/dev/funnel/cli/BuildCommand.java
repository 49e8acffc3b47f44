package dev.funnel.cli;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.rank.pipeline.PairModelKind;
import dev.funnel.rank.pipeline.RankingModel;
import dev.funnel.rank.pipeline.RankingSettings;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfModelBuilder;
import dev.funnel.twotower.TwoTowerOptions;
import dev.funnel.twotower.ann.AnnOptions;
import dev.funnel.twotower.ann.VectorIndex;
import dev.funnel.twotower.dae.DaeConfig;
import dev.funnel.twotower.dae.DaeModel;
import dev.funnel.twotower.dae.DaeRetriever;
import dev.funnel.twotower.dae.DaeTrainer;
import dev.funnel.twotower.model.TwoTowerModel;
import dev.funnel.twotower.online.TwoTowerChannel;
import dev.funnel.twotower.online.TwoTowerRetriever;
import dev.funnel.twotower.train.Exposures;
import dev.funnel.twotower.train.TrainingResult;
import dev.funnel.twotower.train.TwoTowerTrainer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel build}: the retrieval indices of a dataset, as a model snapshot. */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build retrieval indices into a model snapshot (see DESIGN.md, \"Retrieval definitions\").")
final class BuildCommand implements Callable<Integer> {
  static final String ALL_ALGOS = "itemcf,itemcf-weighted,swing,usercf,usercf-pop";

  @Mixin DatasetOptions dataset;

  @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Where the snapshot goes.")
  Path out;

  @Option(names = "--algos", defaultValue = ALL_ALGOS, split = ",", paramLabel = "NAMES",
      description = "Indices to build (default: ${DEFAULT-VALUE}); also ease, twotower (the two-tower model, "
          + "trained with DJL; its --tt-* options as for funnel eval --pipeline twotower) and dae (the multinomial "
          + "denoising autoencoder; its --dae-* options as for funnel eval --pipeline dae).")
  List<String> algos;

  /** The learned models' --tt-* and --dae-* options. */
  @picocli.CommandLine.Unmatched List<String> modelOptions = new java.util.ArrayList<>();

  @Option(names = "--k", defaultValue = "10", description = "Neighbours kept per id (default: ${DEFAULT-VALUE}).")
  int k;

  @Option(names = "--last-n", defaultValue = "200",
      description = "Recent items per user the retrievers read (default: ${DEFAULT-VALUE}).")
  int lastN;

  @Option(names = "--swing-alpha", defaultValue = "1.0", description = "Swing's α (default: ${DEFAULT-VALUE}).")
  double swingAlpha;

  @Option(names = "--swing-beta", defaultValue = "0", description = "Swing's user-weight β, 0 = off (default: ${DEFAULT-VALUE}).")
  double swingBeta;

  @Option(names = "--ease-lambda", defaultValue = "500", description = "EASE's L2 penalty λ (default: ${DEFAULT-VALUE}).")
  double easeLambda;

  @Option(names = "--ease-neighbors", defaultValue = "" + SimilarityConfig.DEFAULT_EASE_NEIGHBORS,
      description = "Weights EASE keeps per item (default: ${DEFAULT-VALUE}).")
  int easeNeighbors;

  @Option(names = "--max-user-items", defaultValue = "0",
      description = "Use only each user's N most recent interactions, 0 = all (default: ${DEFAULT-VALUE}).")
  int maxUserItems;

  @Option(names = "--max-item-users", defaultValue = "0",
      description = "Use only each item's N most recent users, 0 = all (default: ${DEFAULT-VALUE}).")
  int maxItemUsers;

  @Option(names = "--threads", description = "Worker threads (default: the number of processors).")
  Integer threads;

  @Option(names = "--rank", description = "Also train the ranking stages (logistic pre-ranker and XGBoost ranker over "
      + "the merged CF indices and, as pair model, the first of twotower and dae in --algos; temporal label folds) "
      + "into the snapshot; funnel recommend then ranks with them.")
  boolean rank;

  @Override
  public Integer call() throws Exception {
    List<String> names = algos.stream().map(String::trim).distinct().toList();
    boolean twoTower = names.contains(TwoTowerRetriever.NAME);
    boolean autoencoder = names.contains(DaeRetriever.NAME);
    List<Algorithm> algorithms =
        names.stream().filter(name -> PairModelKind.ofChannel(name) == null).map(Algorithm::fromName).toList();
    PipelineOptions learned = new PipelineOptions(EvalCommand.pipelineOptions(modelOptions), 42);
    TwoTowerOptions tower = twoTower ? TwoTowerOptions.read(learned) : null;
    DaeConfig dae = autoencoder ? DaeConfig.read(learned) : null;
    if (!learned.unused().isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + learned.unused().stream().map(o -> "--" + o).toList()
          + " (the --tt-* options need --algos …,twotower, the --dae-* options --algos …,dae)");
    }
    SimilarityConfig config = SimilarityConfig.defaults().withK(k).withSwingAlpha(swingAlpha).withSwingBeta(swingBeta)
        .withEaseLambda(easeLambda).withEaseNeighbors(easeNeighbors).withMaxUserItems(maxUserItems)
        .withMaxItemUsers(maxItemUsers);
    if (threads != null) {
      config = config.withThreads(threads);
    }
    if (rank && algorithms.isEmpty()) {
      throw new IllegalArgumentException("--rank ranks the merged CF indices: name at least one in --algos");
    }
    CfModelBuilder builder = new CfModelBuilder(config, lastN); // validates before the data is read
    Dataset data = dataset.load(System.out);
    List<CfModelBuilder.Part> parts = new ArrayList<>();
    if (twoTower) {
      parts.add(writer -> trainTwoTower(data, tower).write(writer));
    }
    if (autoencoder) {
      parts.add(writer -> trainAutoencoder(data, dae).write(writer));
    }
    List<Algorithm> built = new ArrayList<>(algorithms);
    if (rank) {
      RankingSettings defaults = RankingSettings.defaults();
      RankingSettings settings = new RankingSettings(algorithms, config, lastN, defaults.quota(),
          defaults.candidates(), defaults.preRankKeep(), defaults.recentItems(), defaults.recentDays());
      parts.add(writer -> RankingModel.train(data, settings, since -> ShownItems.NONE, PairModelKind.firstIn(names),
          learned, 42, System.out).write(writer));
      if (!built.contains(Algorithm.ITEMCF)) {
        built.add(Algorithm.ITEMCF); // the ranking features read its similarities
      }
    }
    CfModelBuilder.Summary summary = builder.build(data, built, out, listener(), parts);
    if (twoTower) {
      long start = System.nanoTime();
      try (VectorIndex index = TwoTowerChannel.buildIndex(summary.directory(), AnnOptions.defaults())) {
        System.out.printf(Locale.ROOT, "%-16s %,10d item vectors, %s index  %7.2f s%n", "twotower ann",
            index.size(), index.kind().name().toLowerCase(Locale.ROOT), (System.nanoTime() - start) / 1e9);
      }
    }
    System.out.printf(Locale.ROOT, "model written to %s in %.2f s (peak heap %s)%n", summary.directory(),
        summary.totalSeconds(), Memory.mib(Memory.peakHeapBytes()));
    return 0;
  }

  private static TwoTowerModel trainTwoTower(Dataset data, TwoTowerOptions options) {
    System.out.println("twotower: training (" + options.training().mode().cliName() + ", dim "
        + options.tower().outputDim() + ")");
    TrainingResult result = new TwoTowerTrainer(options.tower(), options.training()).train(data, Exposures.NONE,
        report -> System.out.printf(Locale.ROOT, "  epoch %2d  loss %.4f  %,.0f examples/s  validation HR@10 %.4f "
            + "NDCG@10 %.4f%s%n", report.epoch(), report.loss(), report.examplesPerSecond(), report.validationHr(),
            report.validationNdcg(), report.best() ? "  (best)" : ""));
    return result.model();
  }

  private static DaeModel trainAutoencoder(Dataset data, DaeConfig config) {
    System.out.println("dae: training (" + config.hidden() + " hidden units)");
    DaeTrainer.Result result = new DaeTrainer(config, System.out).train(data.interactions());
    System.out.println(result);
    return result.model();
  }

  /** A progress bar per index and a summary line when each is done. */
  static CfModelBuilder.Listener listener() {
    return new ProgressListener();
  }

  private static final class ProgressListener implements CfModelBuilder.Listener {
    private Progress progress;

    @Override
    public void started(Algorithm algorithm, long rows) {
      progress = new Progress(algorithm.cliName(), rows);
    }

    @Override
    public void progress(long done) {
      progress.update(done);
    }

    @Override
    public void finished(Algorithm algorithm, NeighborIndex index, double seconds) {
      progress.close();
      long withNeighbors = IntStream.range(0, index.size()).filter(i -> index.degree(i) > 0).count();
      System.out.printf(Locale.ROOT, "%-16s %,10d ids (%,d with neighbours), %,12d neighbours  %7.2f s%n",
          algorithm.cliName(), index.size(), withNeighbors, index.neighbors().length, seconds);
    }
  }
}
