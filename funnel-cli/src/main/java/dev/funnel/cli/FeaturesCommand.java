package dev.funnel.cli;

import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.RankingViews;
import dev.funnel.features.ConsistencyCheck;
import dev.funnel.server.config.FunnelConfig;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** {@code funnel features check|join}: the feature store's consistency check and its offline join. */
@Command(name = "features", mixinStandardHelpOptions = true,
    description = "The feature store offline: prove online and offline values agree, or join features to examples.",
    subcommands = {FeaturesCommand.Check.class, FeaturesCommand.Join.class})
final class FeaturesCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** What both subcommands read: the dataset with its raw events, the views, sample points. */
  static final class Inputs {
    @Mixin DatasetOptions dataset;

    @Option(names = "--samples", defaultValue = "10000", paramLabel = "N",
        description = "Random (user, item, time) points (default: ${DEFAULT-VALUE}).")
    int samples;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the points (default: ${DEFAULT-VALUE}).")
    long seed;

    ConsistencyCheck load(PrintStream out) throws IOException {
      if (samples < 1 || samples > 100_000_000) {
        throw new IllegalArgumentException("--samples must be in [1, 100000000], was " + samples);
      }
      FunnelConfig config = dataset.config();
      FeatureViews views = config.features().isEmpty() ? RankingViews.of(config.feedback()) : config.features();
      out.println("feature views: " + (config.features().isEmpty() ? "the ranking defaults (the configuration "
          + "declares none)" : "from " + dataset.config) + ": "
          + views.views().stream().map(v -> v.name() + " (" + v.features().size() + ")").toList());
      return new ConsistencyCheck(views, dataset.load(out, true));
    }
  }

  @Command(name = "check", mixinStandardHelpOptions = true,
      description = {"Replays the dataset's log through the online store and, at N random (user, item, time) points,",
          "compares the values served then with the offline point-in-time values; prints the mismatches and exits",
          "with 1 on any. Counts must be equal; sums, means and ratios may differ by a relative 1e-4 (they are",
          "added up in another order)."})
  static final class Check implements Callable<Integer> {
    @Mixin Inputs inputs;

    @Override
    public Integer call() throws Exception {
      PrintStream out = System.out;
      ConsistencyCheck check = inputs.load(out);
      ConsistencyCheck.Samples samples = check.sample(inputs.samples, inputs.seed);
      long start = System.nanoTime();
      float[] online = check.online(samples);
      double onlineSeconds = (System.nanoTime() - start) / 1e9;
      start = System.nanoTime();
      float[] offline = check.offline(samples);
      double offlineSeconds = (System.nanoTime() - start) / 1e9;
      String[] names = check.names();
      List<ConsistencyCheck.Mismatch> mismatches = ConsistencyCheck.compare(names, samples, online, offline);
      long missing = 0;
      for (float v : offline) {
        missing += Float.isNaN(v) ? 1 : 0;
      }
      out.printf(Locale.ROOT, "online: log replayed, %,d points read in %.2f s; offline: joined in %.2f s%n",
          samples.size(), onlineSeconds, offlineSeconds);
      out.printf(Locale.ROOT, "compared %,d points × %d features = %,d values (%,d missing in both), "
          + "mismatches: %,d%n", samples.size(), names.length, offline.length, missing, mismatches.size());
      mismatches.stream().limit(20).forEach(m -> out.printf(Locale.ROOT, "  %s at point %d (t=%d): online %s, "
          + "offline %s%n", m.feature(), m.sample(), m.time(), m.online(), m.offline()));
      return mismatches.isEmpty() ? 0 : 1;
    }
  }

  @Command(name = "join", mixinStandardHelpOptions = true,
      description = {"The offline store's point-in-time join for N random (user, item, time) examples: each",
          "feature's latest value at or before the time, within its view's TTL. Prints the time it took; --out",
          "writes the examples and their features as CSV (empty: missing)."})
  static final class Join implements Callable<Integer> {
    @Mixin Inputs inputs;

    @Option(names = "--out", paramLabel = "FILE", description = "Write user,item,timestamp and the features as CSV.")
    Path csv;

    @Override
    public Integer call() throws Exception {
      PrintStream out = System.out;
      ConsistencyCheck store = inputs.load(out);
      ConsistencyCheck.Samples examples = store.sample(inputs.samples, inputs.seed);
      long start = System.nanoTime();
      float[] features = store.offline(examples);
      double seconds = (System.nanoTime() - start) / 1e9;
      String[] names = store.names();
      out.printf(Locale.ROOT, "joined %,d examples × %d features in %.2f s (%s)%n", examples.size(), names.length,
          seconds, Memory.mib(Memory.peakHeapBytes()) + " peak heap");
      if (csv != null) {
        write(csv, store, examples, names, features);
        out.println("wrote " + csv);
      }
      return 0;
    }

    private void write(Path file, ConsistencyCheck store, ConsistencyCheck.Samples examples, String[] names,
        float[] features) throws IOException {
      try (BufferedWriter w = Files.newBufferedWriter(file)) {
        w.write("user,item,timestamp," + String.join(",", names));
        w.newLine();
        for (int e = 0; e < examples.size(); e++) {
          w.write(store.data().users().externalId(examples.users()[e]) + ","
              + store.data().items().externalId(examples.items()[e]) + "," + examples.times()[e]);
          for (int c = 0; c < names.length; c++) {
            float v = features[e * names.length + c];
            w.write(',');
            w.write(Float.isNaN(v) ? "" : Float.toString(v));
          }
          w.newLine();
        }
      }
    }
  }
}
