package dev.funnel.cli;

import dev.funnel.experiment.Experiment;
import dev.funnel.experiment.results.ExperimentResults;
import dev.funnel.experiment.stats.Estimate;
import dev.funnel.server.StoreFactory;
import dev.funnel.server.Stores;
import dev.funnel.server.config.FunnelConfig;
import dev.funnel.server.experiments.ExperimentFile;
import dev.funnel.server.experiments.ExperimentReports;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code funnel experiment report}: an experiment's results computed offline from a server's stores. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
    description = "Experiments of a server, read from its directory and stores.",
    subcommands = {ExperimentCommand.Report.class})
final class ExperimentCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  @Command(name = "report", mixinStandardHelpOptions = true,
      description = {"The results GET /v1/experiments/{id}/results gives, computed from the server's stores (the "
          + "server may be running). Error rates are counted live by a server and are absent here."})
  static final class Report implements Callable<Integer> {
    @Option(names = "--dir", defaultValue = "out/server", paramLabel = "SERVER_DIR",
        description = "The server's directory (default: ${DEFAULT-VALUE}).")
    Path dir;

    @Option(names = "--id", required = true, description = "The experiment.")
    String id;

    @Option(names = "--config", paramLabel = "FILE",
        description = "The server's configuration (its store and analysis sections), if it has one.")
    Path config;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      FunnelConfig settings = config == null ? FunnelConfig.DEFAULT : FunnelConfig.load(config);
      if (!Files.isDirectory(dir)) {
        throw new CommandLine.ParameterException(new CommandLine(this), "no server directory " + dir);
      }
      List<Experiment> experiments = new ExperimentFile(dir.resolve("experiments.json")).load();
      Experiment experiment = experiments.stream().filter(e -> e.id().equals(id)).findFirst()
          .orElseThrow(() -> new CommandLine.ParameterException(new CommandLine(this), "no experiment '" + id
              + "' in " + dir + " (it has " + experiments.stream().map(Experiment::id).toList() + ")"));
      ExperimentResults results;
      try (Stores stores = StoreFactory.open(settings.store(), settings.serving().lastN(), dir.resolve("store"))) {
        results = ExperimentReports.compute(experiment, settings.analysis(), stores.impressions(), stores.events(),
            null, System.currentTimeMillis() / 1000);
      }
      if (json) {
        Json.print(results);
      } else {
        print(results, System.out);
      }
      return 0;
    }
  }

  /** The results as tables: the arms, then each comparison. */
  static void print(ExperimentResults r, PrintStream out) {
    out.printf(Locale.ROOT, "experiment %s (%s), goal %s%n%n", r.id(), r.status(), r.goal());
    out.printf(Locale.ROOT, "%-16s %8s %9s %11s %8s %8s %10s%n", "arm", "users", "requests", "impressions",
        "clicks", "conv.", "value");
    for (ExperimentResults.ArmResult a : r.arms()) {
      out.printf(Locale.ROOT, "%-16s %8d %9d %11d %8d %8d %10.2f%n", a.name(), a.users(), a.requests(),
          a.impressions(), a.clicks(), a.conversions(), a.value());
    }
    if (r.srm() != null) {
      out.printf(Locale.ROOT, "%nsample ratio: χ² %.3f, p %.4f%s%n", r.srm().chiSquare(), r.srm().pValue(),
          r.srm().mismatch() ? "  MISMATCH: the split is broken, do not trust these results" : "");
    }
    out.printf(Locale.ROOT, "%n%-10s %-16s %-14s %12s %24s %24s %24s%n", "arm", "metric", "", "lift",
        "fixed 95% interval", "sequential", "CUPED");
    for (ExperimentResults.Comparison c : r.comparisons()) {
      Estimate fixed = c.fixed();
      out.printf(Locale.ROOT, "%-10s %-16s %-14s %12s %24s %24s %24s%n", c.arm(), c.metric(), c.goal() ? "(goal)" : "",
          fixed == null ? "too few users" : String.format(Locale.ROOT, "%+.2f%%", 100 * fixed.lift()),
          interval(fixed), interval(c.sequential()), c.cuped() == null ? "" : interval(c.cuped().fixed()));
    }
  }

  private static String interval(Estimate e) {
    return e == null ? "" : String.format(Locale.ROOT, "[%+.2f%%, %+.2f%%] p=%.3f", 100 * e.liftLow(),
        100 * e.liftHigh(), e.pValue());
  }
}
