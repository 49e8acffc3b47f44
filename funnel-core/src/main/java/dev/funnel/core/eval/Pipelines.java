package dev.funnel.core.eval;

import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The pipelines on the class path, by name. */
public final class Pipelines {
  private Pipelines() {}

  /** Every registered pipeline, sorted by name. */
  public static Map<String, Pipeline> all() {
    Map<String, Pipeline> byName = new TreeMap<>();
    java.util.List<Pipeline> found = new java.util.ArrayList<>();
    ServiceLoader.load(Pipeline.class).forEach(found::add);
    ServiceLoader.load(PipelineFamily.class).forEach(family -> found.addAll(family.pipelines()));
    for (Pipeline pipeline : found) {
      Pipeline previous = byName.put(pipeline.name(), pipeline);
      if (previous != null) {
        throw new IllegalStateException(
            "two pipelines are called '" + pipeline.name() + "': " + previous.getClass().getName() + " and "
                + pipeline.getClass().getName());
      }
    }
    return byName;
  }

  /**
   * The pipeline called {@code name}.
   *
   * @throws IllegalArgumentException naming the known pipelines when there is none
   */
  public static Pipeline named(String name) {
    Map<String, Pipeline> all = all();
    Pipeline pipeline = all.get(name);
    if (pipeline == null) {
      throw new IllegalArgumentException("unknown pipeline '" + name + "'; available: " + String.join(", ", all.keySet()));
    }
    return pipeline;
  }
}
