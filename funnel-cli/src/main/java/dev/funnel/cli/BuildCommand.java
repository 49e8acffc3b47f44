package dev.funnel.cli;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.core.spec.PreRankSpec;
import dev.funnel.core.spec.RankSpec;
import dev.funnel.core.spec.ReRankSpec;
import dev.funnel.core.spec.SimilaritySpec;
import dev.funnel.rank.component.Components;
import dev.funnel.rank.pipeline.SnapshotAssembler;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfModelBuilder;
import dev.funnel.spark.CfBuildOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel build}: everything a pipeline spec needs — its CF indices, learned models and ranking stages —
 * trained on a dataset into a model snapshot that records the spec. The spec is {@code --spec}, or the one that
 * {@code --algos} (the channels), {@code --rank} and the similarity options describe.
 */
@Command(name = "build", mixinStandardHelpOptions = true,
    description = "Build a pipeline's retrieval indices, learned models and ranking stages into a model snapshot "
        + "(see DESIGN.md, \"Retrieval definitions\").")
final class BuildCommand implements Callable<Integer> {
  static final String ALL_ALGOS = "itemcf,itemcf-weighted,swing,usercf,usercf-pop";

  @Mixin DatasetOptions dataset;

  @Mixin CfBuildOptions cf;

  @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Where the snapshot goes.")
  Path out;

  @Option(names = "--algos", defaultValue = ALL_ALGOS, split = ",", paramLabel = "NAMES",
      description = "Indices to build (default: ${DEFAULT-VALUE}); also ease, twotower (the two-tower model, "
          + "trained with DJL; its --tt-* options as for funnel eval --pipeline twotower) and dae (the multinomial "
          + "denoising autoencoder; its --dae-* options as for funnel eval --pipeline dae).")
  List<String> algos;

  /** Further options as funnel eval takes them, such as the learned models' --tt-* and --dae-*. */
  @picocli.CommandLine.Unmatched List<String> modelOptions = new java.util.ArrayList<>();

  @Option(names = "--ease-lambda", defaultValue = "500", description = "EASE's L2 penalty λ (default: ${DEFAULT-VALUE}).")
  double easeLambda;

  @Option(names = "--ease-neighbors", defaultValue = "" + SimilarityConfig.DEFAULT_EASE_NEIGHBORS,
      description = "Weights EASE keeps per item (default: ${DEFAULT-VALUE}).")
  int easeNeighbors;

  @Option(names = "--threads", description = "Worker threads (default: the number of processors).")
  Integer threads;

  @Option(names = "--rank", description = "Also train the ranking stages (logistic pre-ranker and XGBoost ranker over "
      + "the merged channels, with the first of twotower and dae in --algos as pair model; temporal label folds) "
      + "into the snapshot; funnel recommend then ranks with them.")
  boolean rank;

  @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
      description = "Where the data is read and the CF indices are computed: this JVM, or Spark jobs on --master "
          + "(generic events, the indices itemcf, itemcf-weighted, swing, usercf, usercf-pop; default: ${DEFAULT-VALUE}).")
  BuildEngine.Kind engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "The Spark master for --engine spark: local[N], local[*] (the default), spark://HOST:PORT, yarn, "
          + "k8s://HOST:PORT.")
  String master;

  @Option(names = "--spec", paramLabel = "PRESET|FILE",
      description = "Build for this pipeline spec (a preset name or a YAML/JSON file) instead of --algos and --rank.")
  String spec;

  @Override
  public Integer call() throws Exception {
    PipelineSpec pipeline = spec != null ? PipelineSpecs.resolve(spec) : fromOptions();
    try (BuildEngine where = BuildEngine.of(engine, master)) {
      where.check(pipeline, dataset);
      SnapshotAssembler assembler = // validates first
          new SnapshotAssembler(pipeline, dataset.rankingViews(), cf.lastN, threads, false, where);
      Dataset data = where.load(dataset, System.out, pipeline.ranks()); // the ranker's store columns read raw events
      CfModelBuilder.Summary summary = assembler.build(data, out, listener(), since -> ShownItems.NONE, 42);
      System.out.printf(Locale.ROOT, "model written to %s in %.2f s (peak heap %s)%n", summary.directory(),
          summary.totalSeconds(), Memory.mib(Memory.peakHeapBytes()));
    }
    return 0;
  }

  /** The spec {@code --algos}, {@code --rank}, the similarity options and the learned models' options describe. */
  private PipelineSpec fromOptions() {
    List<ChannelSpec> channels = algos.stream().map(String::trim).distinct().map(ChannelSpec::of).toList();
    PipelineSpec built = new PipelineSpec("funnel build --algos " + String.join(",", algos) + (rank ? " --rank" : ""),
        channels, null, new SimilaritySpec(cf.k, cf.swingAlpha, cf.swingBeta, easeLambda, easeNeighbors,
            cf.maxUserItems, cf.maxItemUsers, null), null, null, rank ? new PreRankSpec(null, null) : null,
        rank ? new RankSpec(null, null, null, null, null, null) : null,
        List.of(ReRankSpec.of(ReRankSpec.Rules.DEFAULT)), null);
    PipelineOptions more = new PipelineOptions(EvalCommand.pipelineOptions(modelOptions), 42);
    PipelineSpec spec = Components.withOptions(built, more);
    if (!more.unused().isEmpty()) {
      throw new IllegalArgumentException("unknown option(s) " + more.unused().stream().map(o -> "--" + o).toList());
    }
    return spec;
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
