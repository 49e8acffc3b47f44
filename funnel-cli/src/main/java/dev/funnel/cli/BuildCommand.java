package dev.funnel.cli;

import dev.funnel.core.data.Dataset;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfModelBuilder;
import java.nio.file.Path;
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
      description = "Indices to build (default: ${DEFAULT-VALUE}).")
  List<String> algos;

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

  @Option(names = "--ease-neighbors", defaultValue = "200",
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

  @Override
  public Integer call() throws Exception {
    List<Algorithm> algorithms = algos.stream().map(String::trim).map(Algorithm::fromName).distinct().toList();
    SimilarityConfig config = SimilarityConfig.defaults().withK(k).withSwingAlpha(swingAlpha).withSwingBeta(swingBeta)
        .withEaseLambda(easeLambda).withEaseNeighbors(easeNeighbors).withMaxUserItems(maxUserItems)
        .withMaxItemUsers(maxItemUsers);
    if (threads != null) {
      config = config.withThreads(threads);
    }
    CfModelBuilder builder = new CfModelBuilder(config, lastN); // validates before the data is read
    Dataset data = dataset.load(System.out);
    CfModelBuilder.Summary summary = builder.build(data, algorithms, out, listener());
    System.out.printf(Locale.ROOT, "model written to %s in %.2f s (peak heap %s)%n", summary.directory(),
        summary.totalSeconds(), Memory.mib(Memory.peakHeapBytes()));
    return 0;
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
