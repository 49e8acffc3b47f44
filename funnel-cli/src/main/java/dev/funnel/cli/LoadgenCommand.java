package dev.funnel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code funnel loadgen}: load and audit tools for a running {@code funnel serve}. */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
    description = {"Load a running Funnel server and audit it.",
        "events: post synthetic events (recording what was acknowledged); verify: check the event log holds every "
            + "acknowledged event exactly once; get: recommendation requests at a fixed rate, with latency "
            + "percentiles."},
    subcommands = {LoadEventsCommand.class, LoadVerifyCommand.class, LoadGetCommand.class})
final class LoadgenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
