package dev.funnel.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.IdDictionary;
import dev.funnel.core.synth.GroundTruth;
import dev.funnel.experiment.sim.ArmTotals;
import dev.funnel.experiment.sim.HttpSite;
import dev.funnel.experiment.sim.PositionBias;
import dev.funnel.experiment.sim.Relevance;
import dev.funnel.experiment.sim.SimulationSettings;
import dev.funnel.experiment.sim.SimulationSummary;
import dev.funnel.experiment.sim.Simulator;
import dev.funnel.experiment.sim.Site;
import dev.funnel.experiment.sim.Totals;
import dev.funnel.server.FunnelServer;
import dev.funnel.server.config.FunnelConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code funnel simulate}: simulated users of a generated dataset visit a Funnel server (one running, or one started
 * here from the dataset), click what the dataset's ground truth says they like and buy some of it; prints each
 * simulated day and the totals per experiment arm. The click model is {@link Simulator}'s.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
    description = {"Simulate users clicking and buying on a Funnel server, from a dataset written by "
        + "'funnel generate' (its truth/ says what each user likes); prints progress per simulated day and the "
        + "totals per experiment arm.",
        "The server answers at its own clock and refuses events in its future: simulated time ends now unless "
            + "--start says otherwise."})
final class SimulateCommand implements Callable<Integer> {
  private static final SimulationSettings DEFAULT = SimulationSettings.DEFAULT;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Mixin DatasetOptions dataset;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  /** Where the simulated users go: a running server, or one started here. */
  static final class Target {
    @ArgGroup(exclusive = false)
    Remote remote;

    @Option(names = "--serve", paramLabel = "SERVER_DIR", description = "Start a server in this process from "
        + "--data (and --config), keeping its stores and models in SERVER_DIR, on a free port; stop it at the end.")
    Path serve;
  }

  /** A running server and its key. */
  static final class Remote {
    @Option(names = "--url", required = true, paramLabel = "URL",
        description = "A running server's base URL, e.g. http://127.0.0.1:8080.")
    String url;

    @Option(names = "--api-key", paramLabel = "KEY", description = "Its API key (X-Api-Key).")
    String apiKey;
  }

  @Option(names = "--days", paramLabel = "DAYS", description = "Simulated days (default: ${DEFAULT-VALUE}).")
  int days = DEFAULT.days();

  @Option(names = "--users", paramLabel = "USERS",
      description = "How many of the dataset's users visit, a seeded sample (default: ${DEFAULT-VALUE}).")
  int users = DEFAULT.users();

  @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the run: users' propensities, visits and clicks "
      + "(default: ${DEFAULT-VALUE}).")
  long seed = DEFAULT.seed();

  @Option(names = "--n", paramLabel = "N", description = "List length per visit (default: ${DEFAULT-VALUE}).")
  int n = DEFAULT.n();

  @Option(names = "--position-bias", paramLabel = "MODEL", converter = BiasConverter.class,
      description = "How examination falls with the position: log (1/log2(1 + position)), geometric:γ (γ^(position"
          + " − 1)) or none (default: ${DEFAULT-VALUE}).")
  PositionBias positionBias = DEFAULT.positionBias();

  @Option(names = "--click-scale", paramLabel = "P", description = "P(click) at the top for an average user and "
      + "an item as good as a random one (default: ${DEFAULT-VALUE}: a popularity list gets a few percent).")
  double clickScale = DEFAULT.clickScale();

  @Option(names = "--purchase", paramLabel = "P",
      description = "P(purchase | click) (default: ${DEFAULT-VALUE}).")
  double purchase = DEFAULT.purchaseProbability();

  @Option(names = "--visits-per-day", paramLabel = "RATE",
      description = "Mean visits per user per day (default: ${DEFAULT-VALUE}).")
  double visitsPerDay = DEFAULT.visitsPerDay();

  @Option(names = "--propensity-spread", paramLabel = "SIGMA",
      description = "σ of the users' log-normal click propensity, 0 for identical users (default: ${DEFAULT-VALUE}).")
  double propensitySpread = DEFAULT.propensitySpread();

  @Option(names = "--start", paramLabel = "EPOCH_SECONDS",
      description = "Start of simulated time (default: DAYS days ago, so that the run ends now).")
  Long start;

  @Option(names = "--json", description = "Print the summary as JSON (progress still goes to standard error).")
  boolean json;

  /** Parses the bias at the edge, so a bad one is a usage error naming the option. */
  static final class BiasConverter implements ITypeConverter<PositionBias> {
    @Override
    public PositionBias convert(String text) {
      try {
        return PositionBias.parse(text);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  @Override
  public Integer call() throws Exception {
    SimulationSettings settings = new SimulationSettings(seed, days, users, n,
        start == null ? System.currentTimeMillis() / 1000 - days * 86_400L : start, positionBias, clickScale,
        purchase, DEFAULT.valueMedian(), DEFAULT.valueSigma(), visitsPerDay, DEFAULT.returnRateShape(),
        propensitySpread);
    if (dataset.data == null || !Files.isDirectory(dataset.data.resolve("truth"))) {
      throw new IllegalArgumentException("--data must be a dataset written by 'funnel generate', with its truth/ "
          + "directory; " + (dataset.data == null ? "none given" : dataset.data + " has none"));
    }
    FunnelConfig config = dataset.config();
    Dataset data = dataset.load(System.err, true); // a served feature store replays them
    Simulator simulator = new Simulator(settings, Relevance.of(GroundTruth.load(dataset.data), ids(data.items())),
        ids(data.users()));
    SimulationSummary summary;
    if (target.serve == null) {
      summary = run(simulator, new HttpSite(target.remote.url, target.remote.apiKey, TIMEOUT));
    } else {
      try (FunnelServer server = FunnelServer.start(config.withPort(0), target.serve, data, System.err)) {
        String url = "http://" + config.server().host() + ":" + server.port();
        System.err.println("serving on " + url + " for the simulation");
        summary = run(simulator, new HttpSite(url, server.apiKey(), TIMEOUT));
      }
    }
    if (json) {
      Json.print(json(settings, summary));
    } else {
      printTable(summary, System.out);
    }
    return 0;
  }

  private static List<String> ids(IdDictionary dictionary) {
    List<String> ids = new ArrayList<>(dictionary.size());
    for (int i = 0; i < dictionary.size(); i++) {
      ids.add(dictionary.externalId(i));
    }
    return ids;
  }

  private SimulationSummary run(Simulator simulator, Site site) throws IOException {
    return simulator.run(site, (day, soFar) -> System.err.printf(Locale.ROOT,
        "day %d/%d: %,d visits, %,d clicks (CTR %.2f %%), %,d purchases%n", day, days, soFar.total().visits(),
        soFar.total().clicks(), 100 * soFar.total().ctr(), soFar.total().purchases()));
  }

  static void printTable(SimulationSummary summary, PrintStream out) {
    String format = "%-24s %-12s %9s %12s %9s %7s %10s %12s%n";
    out.printf(Locale.ROOT, format, "experiment", "arm", "visits", "impressions", "clicks", "CTR", "purchases",
        "value");
    for (ArmTotals arm : summary.arms()) {
      row(out, format, arm.experiment() == null ? "(none)" : arm.experiment(), arm.arm() == null ? "-" : arm.arm(),
          arm.totals());
    }
    row(out, format, "total", "", summary.total());
  }

  private static void row(PrintStream out, String format, String experiment, String arm, Totals t) {
    out.printf(Locale.ROOT, format, experiment, arm, String.format(Locale.ROOT, "%,d", t.visits()),
        String.format(Locale.ROOT, "%,d", t.impressions()), String.format(Locale.ROOT, "%,d", t.clicks()),
        String.format(Locale.ROOT, "%.2f%%", 100 * t.ctr()), String.format(Locale.ROOT, "%,d", t.purchases()),
        String.format(Locale.ROOT, "%,.2f", t.value()));
  }

  private static ObjectNode json(SimulationSettings settings, SimulationSummary summary) {
    ObjectNode out = Json.object();
    out.set("settings", Json.MAPPER.valueToTree(settings));
    ((ObjectNode) out.get("settings")).put("positionBias", settings.positionBias().toString());
    ArrayNode arms = out.putArray("arms");
    for (ArmTotals arm : summary.arms()) {
      arms.addObject().put("experiment", arm.experiment()).put("arm", arm.arm()).setAll(totals(arm.totals()));
    }
    out.set("total", totals(summary.total()));
    return out;
  }

  private static ObjectNode totals(Totals t) {
    ObjectNode node = Json.object();
    node.put("visits", t.visits());
    node.put("impressions", t.impressions());
    node.put("clicks", t.clicks());
    if (Double.isNaN(t.ctr())) {
      node.putNull("ctr"); // nothing shown: JSON has no NaN
    } else {
      node.put("ctr", t.ctr());
    }
    node.put("purchases", t.purchases());
    node.put("value", t.value());
    return node;
  }
}
