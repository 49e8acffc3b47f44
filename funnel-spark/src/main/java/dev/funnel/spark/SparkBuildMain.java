package dev.funnel.spark;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfModelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The job jar's entry point for {@code spark-submit} (client mode: the driver writes the snapshot to its own
 * {@code --out}): reads a generic dataset, builds the CF indices on the cluster and writes the snapshot {@code
 * funnel serve} and {@code funnel recommend} open. The options are {@code funnel build}'s for these indices; the
 * feedback weights are the defaults ({@code funnel build --engine spark --config} takes a configuration file).
 */
@Command(name = "funnel-spark-build", mixinStandardHelpOptions = true,
    description = "Build Funnel's CF indices on Spark into a model snapshot (run it with spark-submit).")
public final class SparkBuildMain implements Callable<Integer> {
  @Option(names = "--data", required = true, paramLabel = "PATH",
      description = "A generic dataset: a directory with events.csv|jsonl|parquet, or an events file.")
  String data;

  @Option(names = "--out", required = true, paramLabel = "MODEL_DIR", description = "Where the snapshot goes.")
  Path out;

  @Option(names = "--algos", defaultValue = "itemcf,itemcf-weighted,swing,usercf,usercf-pop", split = ",",
      paramLabel = "NAMES", description = "Indices to build (default: ${DEFAULT-VALUE}).")
  List<String> algos;

  @Mixin CfBuildOptions options;

  @Option(names = "--min-positive", paramLabel = "W",
      description = "Smallest aggregated weight that counts as a positive interaction (default: 0).")
  Float minPositive;

  public static void main(String[] args) {
    System.exit(new CommandLine(new SparkBuildMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    SimilarityConfig config = options.similarity();
    List<Algorithm> algorithms = algos.stream().map(Algorithm::fromName).distinct().toList();
    algorithms.forEach(SparkIndexEngine::requireSupported);
    FeedbackConfig feedback = minPositive == null ? FeedbackConfig.DEFAULT
        : FeedbackConfig.DEFAULT.withMinPositive(minPositive);
    SparkSession spark = SparkSession.builder().appName("funnel build").getOrCreate(); // spark-submit's master
    try {
      SparkInteractions interactions = SparkInteractions.load(spark, data, feedback);
      CfModelBuilder.Summary summary = new CfModelBuilder(config, options.lastN, interactions.engine())
          .build(interactions.data(), algorithms, out, CfModelBuilder.Listener.NONE);
      for (Map.Entry<Algorithm, Double> built : summary.seconds().entrySet()) {
        System.out.printf(Locale.ROOT, "%-16s %7.2f s%n", built.getKey().cliName(), built.getValue());
      }
      System.out.printf(Locale.ROOT, "model written to %s in %.2f s%n", summary.directory(), summary.totalSeconds());
    } finally {
      spark.stop();
    }
    return 0;
  }
}
