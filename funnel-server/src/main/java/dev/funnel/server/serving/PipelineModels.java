package dev.funnel.server.serving;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.experiment.Arm;
import dev.funnel.experiment.Experiment;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The model registries of every pipeline the server serves: the configured one ({@code DIR/models}) and each
 * experiment arm's ({@code DIR/models/arms/<hash of the spec>}, so arms with the same spec share one, and an arm
 * whose spec is the configured pipeline shares the main registry). Builds train them all. Thread-safe.
 */
public final class PipelineModels {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ModelRegistry main;
  private final Path armsRoot;
  private final int lastN;
  private final Supplier<List<Experiment>> experiments;
  private final Map<PipelineSpec, ModelRegistry> arms = new ConcurrentHashMap<>();

  /** @param experiments the experiments whose arms are to be built (the running ones and drafts) */
  public PipelineModels(ModelRegistry main, Path armsRoot, int lastN, Supplier<List<Experiment>> experiments) {
    this.main = main;
    this.armsRoot = armsRoot;
    this.lastN = lastN;
    this.experiments = experiments;
  }

  public ModelRegistry main() {
    return main;
  }

  /** The registry that serves {@code spec}, opening its newest snapshot when first asked. */
  public ModelRegistry registry(PipelineSpec spec) {
    if (spec.equals(main.pipeline())) {
      return main;
    }
    return arms.computeIfAbsent(spec, s -> {
      try {
        ModelRegistry registry = new ModelRegistry(armsRoot.resolve(key(s)), s, main.store(), lastN, main.metrics());
        registry.openLatest();
        return registry;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  /** What a build trains: the main registry, then each distinct arm pipeline of the experiments not stopped. */
  public List<ModelRegistry> toBuild() {
    List<ModelRegistry> all = new ArrayList<>(List.of(main));
    for (Experiment e : experiments.get()) {
      for (Arm arm : e.arms()) {
        ModelRegistry registry = registry(arm.spec());
        if (!all.contains(registry)) {
          all.add(registry);
        }
      }
    }
    return all;
  }

  /** How a build's progress names {@code registry}: {@code main}, or {@code arm <its directory>}. */
  String nameOf(ModelRegistry registry) {
    return registry == main ? "main" : "arm " + key(registry.pipeline());
  }

  /** The first 16 hex digits of the SHA-256 of the spec's JSON: a directory name that follows the spec. */
  static String key(PipelineSpec spec) {
    try {
      byte[] json = JSON.writeValueAsString(spec).getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json), 0, 8);
    } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
