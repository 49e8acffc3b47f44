package dev.funnel.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code funnel loadgen}: load and audit tools for a running {@code funnel serve}. */
@Command(name = "loadgen", mixinStandardHelpOptions = true,
    description = {"Load a running Funnel server and audit it.",
        "events: post synthetic events (recording what was acknowledged); verify: check the event log holds every "
            + "acknowledged event exactly once; get: recommendation requests at a fixed rate, with latency "
            + "percentiles; kafka: the events' load produced to a Kafka topic instead."},
    subcommands = {LoadEventsCommand.class, LoadVerifyCommand.class, LoadGetCommand.class, LoadgenCommand.Kafka.class})
final class LoadgenCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** {@code funnel loadgen kafka}: {@code funnel kafka produce} under the load tools, where people look for it. */
  @Command(name = "kafka", mixinStandardHelpOptions = true,
      description = {"The load of 'loadgen events' produced to a Kafka topic instead of posted (the same as "
          + "'funnel kafka produce'): unique synthetic events at --rate for --duration, or the lines of --file; "
          + "--acks records each batch the brokers acknowledged, for 'loadgen verify'."})
  static final class Kafka extends KafkaCommand.Produce {}
}
