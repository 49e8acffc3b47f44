package dev.funnel.cli;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.eval.EvalReport;
import dev.funnel.core.eval.Evaluator;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Pipelines;
import dev.funnel.core.eval.Protocol;
import dev.funnel.core.eval.Split;
import dev.funnel.core.eval.Splitter;
import dev.funnel.core.features.RankingViews;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.ReRankSpec;
import dev.funnel.rank.pipeline.PipelineComposer;
import dev.funnel.rank.pipeline.SnapshotAssembler;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.model.CfModelBuilder;
import dev.funnel.server.config.FunnelConfig;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code funnel quickstart}: the embedded default, end to end on one machine — a synthetic dataset, every
 * retrieval index, an offline evaluation of the channels, and the commands to try next.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
    description = "Generate a synthetic dataset, build every retrieval index, evaluate the channels, then serve them over HTTP.")
final class QuickstartCommand implements Callable<Integer> {
  private static final List<String> PIPELINES = List.of("popular", "itemcf", "swing", "usercf", "merged");

  @Option(names = "--dir", defaultValue = "out/quickstart", paramLabel = "DIR",
      description = "Working directory for the data and the model (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Mixin SyntheticOptions synthetic;

  @Option(names = "--port", defaultValue = "8080", description = "Port of the server it starts (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--no-serve", description = "Stop after the evaluation instead of starting the server.")
  boolean noServe;

  @Override
  public Integer call() throws Exception {
    Path data = dir.resolve("data");
    Path model = dir.resolve("model");
    System.out.println("1/4 generating the synthetic dataset");
    GenerateCommand.generate(synthetic.config(), data);
    Dataset dataset = DataFormat.GENERIC.reader().read(data, FeedbackConfig.DEFAULT, true); // events seed the store

    System.out.println("2/4 building the retrieval indices");
    PipelineSpec everyIndex = new PipelineSpec("every retrieval index, merged", Arrays.stream(Algorithm.values())
        .map(a -> ChannelSpec.of(a.cliName())).toList(), null, null, null, null, null, null,
        List.of(ReRankSpec.of(ReRankSpec.Rules.DEFAULT)), null);
    CfModelBuilder.Summary built = new SnapshotAssembler(everyIndex, RankingViews.of(FeedbackConfig.DEFAULT),
        PipelineComposer.DEFAULT_LAST_N, null, false)
        .build(dataset, model, BuildCommand.listener(), since -> ShownItems.NONE, synthetic.seed);
    System.out.printf(Locale.ROOT, "model written to %s in %.2f s%n", built.directory(), built.totalSeconds());

    System.out.println("3/4 evaluating the channels (leave-one-out, full ranking)");
    Split split = Splitter.split(dataset.interactions(), Protocol.LOO, synthetic.seed);
    System.out.printf(Locale.ROOT, "%-10s %8s %8s %8s%n", "pipeline", "HR@10", "NDCG@10", "MRR@10");
    for (String name : PIPELINES) {
      EvalReport report = Evaluator.evaluate(dataset, split, Pipelines.named(name),
          new PipelineOptions(Map.of(), synthetic.seed), new int[] {10}, done -> {});
      Map<String, Double> m = report.cutoffs().get(0).metrics();
      System.out.printf(Locale.ROOT, "%-10s %8.4f %8.4f %8.4f%n", name, m.get("HR"), m.get("NDCG"), m.get("MRR"));
    }
    String someone = dataset.users().externalId(0);
    String something = dataset.items().externalId(0);
    System.out.printf(Locale.ROOT, "%nOffline, try:%n"
        + "  ./funnel recommend --model %s --user %s --n 10 --explain%n"
        + "  ./funnel similar   --model %s --index swing --id %s%n"
        + "  ./funnel eval      --data %s --protocol random --pipeline merged%n", model, someone, model, something, data);
    if (noServe) {
      return 0;
    }
    System.out.println("\n4/4 starting the server");
    ServeCommand.serveUntilInterrupted(FunnelConfig.DEFAULT.withPort(port), dataset, dir.resolve("server"),
        System.out);
    return 0;
  }
}
