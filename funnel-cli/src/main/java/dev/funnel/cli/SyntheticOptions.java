package dev.funnel.cli;

import dev.funnel.core.synth.GeneratorConfig;
import picocli.CommandLine.Option;

/** The size and seed of a synthetic dataset, shared by {@code generate} and {@code quickstart}. */
final class SyntheticOptions {
  @Option(names = "--users", defaultValue = "2000", description = "Users (default: ${DEFAULT-VALUE}).")
  int users;

  @Option(names = "--items", defaultValue = "1000", description = "Items (default: ${DEFAULT-VALUE}).")
  int items;

  @Option(names = "--events", defaultValue = "100000", description = "Events (default: ${DEFAULT-VALUE}).")
  long events;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--dwell-share", defaultValue = "0.5", paramLabel = "SHARE",
      description = "Chance that a view or click is followed by a dwell event, 0 to 1 (default: ${DEFAULT-VALUE}).")
  double dwellShare;

  @Option(names = "--play-share", defaultValue = "0", paramLabel = "SHARE",
      description = "Chance that a view is written as a play with a heavy-tailed play count as its value, 0 to 1 "
          + "(default: ${DEFAULT-VALUE}).")
  double playShare;

  @Option(names = "--flat-time-share", defaultValue = "0", paramLabel = "SHARE",
      description = "Share of users whose events all carry one timestamp, 0 to 1 (default: ${DEFAULT-VALUE}).")
  double flatTimeShare;

  @Option(names = "--cold-items", defaultValue = "0", paramLabel = "N",
      description = "Catalogue items with features but no events, after the others (default: ${DEFAULT-VALUE}).")
  int coldItems;

  GeneratorConfig config() {
    return GeneratorConfig.of(users, items, events, seed).withDwellShare(dwellShare)
        .withShapes(playShare, flatTimeShare, coldItems);
  }
}
