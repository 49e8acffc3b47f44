package dev.funnel.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code funnel} command: one subcommand per job. */
@Command(
    name = "funnel",
    mixinStandardHelpOptions = true,
    versionProvider = FunnelCommand.Version.class,
    description = "Funnel: a multi-stage recommender system. Run 'funnel COMMAND --help' for a command's options.",
    subcommands = {
      QuickstartCommand.class,
      GenerateCommand.class,
      StatsCommand.class,
      EvalCommand.class,
      BuildCommand.class,
      ExportCommand.class,
      SimilarCommand.class,
      RecommendCommand.class,
      ServeCommand.class,
      ExperimentCommand.class,
      LoadgenCommand.class,
      KafkaCommand.class,
      SimulateCommand.class,
      FeaturesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class FunnelCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line; tests run it in-process. */
  static CommandLine commandLine() {
    return new CommandLine(new FunnelCommand())
        .setExecutionExceptionHandler(new ErrorHandler())
        .setCaseInsensitiveEnumValuesAllowed(true);
  }

  /** Bad input is the user's to fix: print its message, not a stack trace (unless FUNNEL_DEBUG is set). */
  static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
      boolean userError = e instanceof IllegalArgumentException || e instanceof java.io.IOException
          || e instanceof java.io.UncheckedIOException;
      if (!userError || System.getenv("FUNNEL_DEBUG") != null) {
        e.printStackTrace(cmd.getErr());
      } else {
        String kind = e instanceof IllegalArgumentException ? "" : e.getClass().getSimpleName() + ": ";
        cmd.getErr().println("error: " + kind + e.getMessage());
      }
      return userError ? 2 : 1;
    }
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = FunnelCommand.class.getPackage().getImplementationVersion();
      return new String[] {"funnel " + (version == null ? "(development build)" : version)};
    }
  }
}
