package dev.funnel.cli;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.features.RankingViews;
import dev.funnel.core.io.DataFormat;
import dev.funnel.server.config.FunnelConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options every command that reads a dataset shares. */
final class DatasetOptions {
  // Checked in load(), not by picocli, so that a command's listing options (funnel eval --list) work without data.
  @Option(names = "--data", paramLabel = "PATH",
      description = "Dataset directory (or, for the generic format, an events file); required.")
  Path data;

  @Option(names = "--format", defaultValue = "generic", paramLabel = "FORMAT",
      description = "movielens-100k, movielens-latest or generic (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration (feedback weights, …).")
  Path config;

  @Option(names = "--min-positive", paramLabel = "W",
      description = "Smallest aggregated weight that counts as a positive interaction (overrides the config).")
  Float minPositive;

  FeedbackConfig feedback() throws IOException {
    FeedbackConfig feedback = config().feedback();
    return minPositive == null ? feedback : feedback.withMinPositive(minPositive);
  }

  /** Loads the dataset, printing what was read and how long it took. */
  Dataset load(PrintStream out) throws IOException {
    return load(out, false);
  }

  /** The configuration file's settings, or the defaults without one. */
  FunnelConfig config() throws IOException {
    return config == null ? FunnelConfig.DEFAULT : FunnelConfig.load(config);
  }

  /** The feature views a ranker reads: the configuration's, else the defaults over its event types. */
  FeatureViews rankingViews() throws IOException {
    FunnelConfig loaded = config();
    return RankingViews.forRanking(loaded.features(), loaded.feedback());
  }

  /** Loads the dataset, keeping its raw typed events when asked (see {@link Dataset#events()}). */
  Dataset load(PrintStream out, boolean keepEvents) throws IOException {
    if (data == null) {
      throw new IllegalArgumentException("Missing required option: '--data=PATH'");
    }
    DataFormat dataFormat = DataFormat.parse(format);
    long start = System.nanoTime();
    Dataset dataset = dataFormat.reader().read(data, feedback(), keepEvents);
    double seconds = (System.nanoTime() - start) / 1e9;
    out.printf(Locale.ROOT, "loaded %s: %,d users, %,d items, %,d interactions%s in %.2f s%n", dataset.name(),
        dataset.users().size(), dataset.items().size(), dataset.interactions().nnz(),
        keepEvents ? String.format(Locale.ROOT, ", %,d events", dataset.events().size()) : "", seconds);
    return dataset;
  }
}
