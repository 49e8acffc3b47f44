package dev.funnel.cli;

import dev.funnel.core.synth.GeneratorConfig;
import dev.funnel.core.synth.SyntheticGenerator;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code funnel generate}: the synthetic dataset, in the generic format, with its ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a synthetic dataset (generic format) with its ground truth.",
        "Same options and seed, same bytes. Streams to disk: memory does not grow with --events."})
final class GenerateCommand implements Callable<Integer> {
  @Mixin SyntheticOptions synthetic;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Override
  public Integer call() throws Exception {
    generate(synthetic.config(), out);
    return 0;
  }

  static void generate(GeneratorConfig config, Path out) throws java.io.IOException {
    long start = System.nanoTime();
    try (Progress progress = new Progress("generating", config.events())) {
      new SyntheticGenerator(config).write(out, progress::update);
    }
    System.out.printf(Locale.ROOT, "wrote %,d events of %,d users on %,d items to %s in %.1f s%n",
        config.events(), config.users(), config.items(), out, (System.nanoTime() - start) / 1e9);
  }
}
