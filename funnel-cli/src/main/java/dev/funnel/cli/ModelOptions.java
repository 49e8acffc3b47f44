package dev.funnel.cli;

import dev.funnel.retrieval.model.CfModel;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options of commands that read a built model. */
final class ModelOptions {
  @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "A model built by 'funnel build'.")
  Path model;

  CfModel open() throws IOException {
    return CfModel.open(model);
  }
}
