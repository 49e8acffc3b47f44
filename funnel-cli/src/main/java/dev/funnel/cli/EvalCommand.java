package dev.funnel.cli;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.eval.EvalReport;
import dev.funnel.core.eval.Evaluator;
import dev.funnel.core.eval.Pipeline;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.core.eval.Pipelines;
import dev.funnel.core.eval.Protocol;
import dev.funnel.core.eval.Split;
import dev.funnel.core.eval.Splitter;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.rank.component.Components;
import dev.funnel.rank.eval.SpecPipeline;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel eval}: split, fit, rank for every test user, report. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = {"Evaluate a pipeline offline with full ranking (see DESIGN.md, \"Evaluation protocols\").",
        "Pipeline-specific options are given as --NAME VALUE after the known options, e.g. --last-n 200."})
final class EvalCommand implements Callable<Integer> {
  @Mixin DatasetOptions dataset;

  @Option(names = "--protocol", defaultValue = "loo", paramLabel = "P",
      description = "loo, random or temporal (default: ${DEFAULT-VALUE}).")
  String protocol;

  @Option(names = "--seed", defaultValue = "42", description = "Split and pipeline seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--train-ratio", paramLabel = "R",
      description = "Train share: per user for random (default 0.75), of all interactions for temporal (default 0.8).")
  Double trainRatio;

  @Option(names = "--cutoffs", defaultValue = "10,20", split = ",", paramLabel = "K",
      description = "Cut-offs (default: ${DEFAULT-VALUE}).")
  int[] cutoffs;

  @Option(names = "--pipeline", defaultValue = "popular", paramLabel = "NAME",
      description = "What to evaluate: a preset (default: ${DEFAULT-VALUE}) or a baseline; 'funnel eval --list' "
          + "shows them all.")
  String pipeline;

  @Option(names = "--spec", paramLabel = "FILE",
      description = "Evaluate the pipeline spec in this YAML or JSON file instead of --pipeline.")
  Path spec;

  @Option(names = "--list", description = "List the pipelines and the channel kinds, and exit.")
  boolean list;

  @Option(names = "--print-spec", paramLabel = "NAME",
      description = "Print a preset's spec (every key, defaults included), with the pipeline options applied, and "
          + "exit: a starting point for a spec file.")
  String printSpec;

  @Option(names = "--report", paramLabel = "FILE", description = "Also write the report as JSON here.")
  Path report;

  @picocli.CommandLine.Unmatched List<String> extra = new java.util.ArrayList<>();

  @Override
  public Integer call() throws Exception {
    if (list) {
      System.out.println("pipelines (--pipeline NAME; --print-spec NAME shows a preset's spec):");
      Pipelines.all().forEach((name, p) -> System.out.printf("  %-18s %s%n", name, p.description()));
      System.out.println("channel kinds (a spec's channels):");
      Components.channels().forEach(kind -> System.out.printf("  %-18s %s%n", kind.name(), kind.description()));
      return 0;
    }
    PipelineOptions options = new PipelineOptions(pipelineOptions(extra), seed, dataset.rankingViews());
    if (printSpec != null) {
      System.out.print(Components.check(Components.withOptions(PipelineSpecs.preset(printSpec), options)).toYaml());
      return 0;
    }
    Pipeline chosen = chosen(options);
    for (int k : cutoffs) {
      if (k < 1 || k > 1000) {
        throw new IllegalArgumentException("--k values must be in [1, 1000], was " + k);
      }
    }
    Dataset data = dataset.load(System.out, true); // a ranker's store columns read the raw events
    Split split = split(data);
    EvalReport result;
    try (Progress progress = new Progress("evaluating", split.testUsers().length)) {
      result = Evaluator.evaluate(data, split, chosen, options, cutoffs, progress::update);
    }
    System.out.print(result.table());
    if (report != null) {
      result.writeJson(report);
      System.out.println("report written to " + report);
    }
    return 0;
  }

  /** The spec file, or the named pipeline; a spec's options are checked here, before any data are read. */
  private Pipeline chosen(PipelineOptions options) throws java.io.IOException {
    Pipeline chosen = spec != null ? new SpecPipeline(spec.getFileName().toString(), PipelineSpecs.load(spec))
        : Pipelines.named(pipeline);
    chosen.spec(options);
    return chosen;
  }

  private Split split(Dataset data) {
    Protocol p = Protocol.parse(protocol);
    if (trainRatio == null) {
      return Splitter.split(data.interactions(), p, seed);
    }
    return switch (p) {
      case RANDOM -> Splitter.random(data.interactions(), trainRatio, seed);
      case TEMPORAL -> Splitter.temporal(data.interactions(), trainRatio);
      case LOO -> throw new IllegalArgumentException("--train-ratio does not apply to the loo protocol");
    };
  }

  /** {@code [--last-n, 200, --like=value]} → {@code {last-n=200, like=value}}. */
  static Map<String, String> pipelineOptions(List<String> args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--") || arg.length() == 2) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "' (pipeline options look like --name value)");
      }
      String name = arg.substring(2);
      int eq = name.indexOf('=');
      if (eq >= 0) {
        options.put(name.substring(0, eq), name.substring(eq + 1));
      } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
        options.put(name, args.get(++i));
      } else {
        throw new IllegalArgumentException("pipeline option --" + name + " needs a value");
      }
    }
    return options;
  }
}
