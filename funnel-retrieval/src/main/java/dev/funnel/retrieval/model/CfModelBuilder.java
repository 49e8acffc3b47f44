package dev.funnel.retrieval.model;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.snapshot.SnapshotWriter;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.IndexEngine;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.cf.SimilarityConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the CF indices of a dataset and writes them, with the histories and the popularity ranking, as one model
 * snapshot that {@link CfModel} opens. Indices are built one after the other and each is written and dropped
 * before the next starts, so peak memory is the dataset plus the largest single build.
 *
 * <p>Snapshot files: {@code users.*}, {@code items.*} (dictionaries); {@code history.offsets|items|values|times}
 * (every user's full history, oldest first, its values after the configured feedback transform — retrievers
 * read the last n, and seen items are dropped against all of it); {@code popular.ranked|counts}; per index {@code NAME.offsets|neighbors|scores} with NAME the algorithm's
 * command-line name. The manifest records each index's parameters, counts and build time.
 */
public final class CfModelBuilder {
  /** Hears about the build, for progress displays. Called from the building thread, except {@link #progress}. */
  public interface Listener {
    /** A listener that ignores everything. */
    Listener NONE = new Listener() {
      @Override
      public void started(Algorithm algorithm, long rows) {}

      @Override
      public void progress(long done) {}

      @Override
      public void finished(Algorithm algorithm, NeighborIndex index, double seconds) {}
    };

    void started(Algorithm algorithm, long rows);

    /** Rows done so far in the current build; called from worker threads. */
    void progress(long done);

    void finished(Algorithm algorithm, NeighborIndex index, double seconds);

    /** A step other than an index began (a learned model, the ranking stages), named for people. */
    default void step(String what) {}
  }

  /**
   * What a build produced.
   *
   * @param directory where the snapshot now is
   * @param seconds build time per index, in build order
   * @param totalSeconds the whole build including writing
   */
  public record Summary(Path directory, Map<Algorithm, Double> seconds, double totalSeconds) {}

  private final SimilarityConfig config;
  private final int lastN;
  private final IndexEngine engine;

  /**
   * @param config the similarity parameters shared by every index
   * @param lastN how many recent items per user the online retrievers use by default
   */
  public CfModelBuilder(SimilarityConfig config, int lastN) {
    this(config, lastN, IndexEngine.LOCAL);
  }

  /** A builder whose indices {@code engine} computes (the rest of the snapshot is written here alike). */
  public CfModelBuilder(SimilarityConfig config, int lastN, IndexEngine engine) {
    if (lastN < 1) {
      throw new IllegalArgumentException("last-n must be ≥ 1, was " + lastN);
    }
    this.config = config;
    this.lastN = lastN;
    this.engine = engine;
  }

  /** More of a snapshot, written by another module (the two-tower model) before the snapshot commits. */
  @FunctionalInterface
  public interface Part {
    void write(SnapshotWriter writer) throws IOException;
  }

  /** Builds {@code algorithms} on {@code data} and commits the snapshot at {@code out} (replacing an old one). */
  public Summary build(Dataset data, List<Algorithm> algorithms, Path out, Listener listener) throws IOException {
    return build(data, algorithms, out, listener, List.of());
  }

  /** {@link #build(Dataset, List, Path, Listener)} with {@code parts} written into the same snapshot. */
  public Summary build(Dataset data, List<Algorithm> algorithms, Path out, Listener listener, List<Part> parts)
      throws IOException {
    if (algorithms.isEmpty() && parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to build: name at least one algorithm");
    }
    long start = System.nanoTime();
    InteractionMatrix m = config.transform().apply(data.interactions());
    SnapshotWriter writer = SnapshotWriter.create(out);
    try {
      writer.dataset(data.name(), data.checksum());
      writer.statistics("data", Map.of("users", m.numUsers(), "items", m.numItems(), "interactions", m.nnz()));
      writer.parameters("history", Map.of("last-n", lastN, "transform", config.transform().cliName()));
      writer.writeDictionary("users", data.users());
      writer.writeDictionary("items", data.items());
      writer.writeInts("history.offsets", m.userOffsets());
      writer.writeInts("history.items", m.userItems());
      writer.writeFloats("history.values", m.userValues());
      writer.writeLongs("history.times", m.userTimes());
      writer.writeInts("popular.ranked", m.itemsByPopularity());
      writer.writeInts("popular.counts", m.itemDegrees());
      Map<Algorithm, Double> seconds = new LinkedHashMap<>();
      for (Algorithm algorithm : algorithms) {
        long rows = algorithm.entity() == dev.funnel.retrieval.cf.Entity.ITEM ? m.numItems() : m.numUsers();
        listener.started(algorithm, rows);
        long t0 = System.nanoTime();
        NeighborIndex index = engine.build(algorithm, config, m, data.itemFeatures(), listener::progress);
        double took = (System.nanoTime() - t0) / 1e9;
        seconds.put(algorithm, took);
        listener.finished(algorithm, index, took);
        String name = algorithm.cliName();
        writer.writeInts(name + ".offsets", index.offsets());
        writer.writeInts(name + ".neighbors", index.neighbors());
        writer.writeFloats(name + ".scores", index.scores());
        writer.parameters(name, parameters(algorithm));
        writer.statistics(name, Map.of("rows", index.size(), "neighbors", index.neighbors().length,
            "build-seconds", Math.round(took * 1000) / 1000.0));
      }
      for (Part part : parts) {
        part.write(writer);
      }
      Path committed = writer.commit();
      return new Summary(committed, seconds, (System.nanoTime() - start) / 1e9);
    } catch (IOException | RuntimeException e) {
      writer.abandon();
      throw e;
    }
  }

  private Map<String, Object> parameters(Algorithm algorithm) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("k", config.neighbors(algorithm));
    p.put("max-user-items", config.maxUserItems());
    p.put("max-item-users", config.maxItemUsers());
    if (algorithm == Algorithm.SWING) {
      p.put("swing-alpha", config.swingAlpha());
      p.put("swing-beta", config.swingBeta());
    }
    if (algorithm.isEase()) {
      p.put("ease-lambda", config.easeLambda());
    }
    return p;
  }
}
