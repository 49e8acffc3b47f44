package dev.funnel.cli;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureTable;
import dev.funnel.core.data.InteractionMatrix;
import dev.funnel.core.io.DataFormat;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.rank.component.Components;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.IndexEngine;
import dev.funnel.retrieval.cf.NeighborIndex;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.spark.SparkIndexEngine;
import dev.funnel.spark.SparkInteractions;
import dev.funnel.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongConsumer;
import org.apache.spark.sql.SparkSession;

/**
 * Where {@code funnel build} reads the data and computes the CF indices (of the dataset {@link #load} returned):
 * this JVM, or Spark jobs on a master. The one place that turns {@code --engine} and {@code --master} into an engine
 * and says what each can build.
 */
abstract class BuildEngine implements IndexEngine, AutoCloseable {
  /** The {@code --engine} values. */
  enum Kind {
    LOCAL, SPARK;

    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The engine {@code --engine} and {@code --master} name.
   *
   * @throws IllegalArgumentException for a master without the spark engine, or a bad master URL
   */
  static BuildEngine of(Kind kind, String master) {
    if (kind == Kind.LOCAL) {
      if (master != null) {
        throw new IllegalArgumentException("--master " + master + " needs --engine spark");
      }
      return new Local();
    }
    return new Spark(SparkSessions.checkMaster(master == null ? "local[*]" : master));
  }

  /** @throws IllegalArgumentException naming what of {@code spec} this engine cannot build */
  abstract void check(PipelineSpec spec, DatasetOptions dataset);

  /** The dataset to build from; with {@code keepEvents}, its raw events too. */
  abstract Dataset load(DatasetOptions dataset, PrintStream out, boolean keepEvents) throws IOException;

  @Override
  public void close() {}

  private static final class Local extends BuildEngine {
    @Override
    void check(PipelineSpec spec, DatasetOptions dataset) {}

    @Override
    Dataset load(DatasetOptions dataset, PrintStream out, boolean keepEvents) throws IOException {
      return dataset.load(out, keepEvents);
    }

    @Override
    public NeighborIndex build(Algorithm algorithm, SimilarityConfig config, InteractionMatrix matrix,
        FeatureTable itemFeatures, LongConsumer progress) {
      return IndexEngine.LOCAL.build(algorithm, config, matrix, itemFeatures, progress);
    }
  }

  /** Reads generic events and builds the ItemCF, Swing and UserCF indices on Spark; the driver writes the snapshot. */
  private static final class Spark extends BuildEngine {
    private final String master;
    private SparkSession session;
    private SparkInteractions interactions;

    Spark(String master) {
      this.master = master;
    }

    @Override
    void check(PipelineSpec spec, DatasetOptions dataset) {
      if (DataFormat.parse(dataset.format) != DataFormat.GENERIC) {
        throw new IllegalArgumentException("--engine spark reads the generic format (CSV, JSON Lines or Parquet "
            + "events), not " + dataset.format);
      }
      if (spec.ranks() || !Components.learned(spec).isEmpty()) {
        throw new IllegalArgumentException("--engine spark builds CF indices only; the spec '" + spec.description()
            + "' also trains learned channels or ranking stages: build it with --engine local");
      }
      for (Algorithm algorithm : Components.indices(spec)) {
        SparkIndexEngine.requireSupported(algorithm);
      }
    }

    @Override
    Dataset load(DatasetOptions dataset, PrintStream out, boolean keepEvents) throws IOException {
      if (dataset.data == null) {
        throw new IllegalArgumentException("Missing required option: '--data=PATH'");
      }
      long start = System.nanoTime();
      session = SparkSessions.start(master, "funnel build");
      interactions = SparkInteractions.load(session, dataset.data.toString(), dataset.feedback());
      Dataset data = interactions.data();
      out.printf(Locale.ROOT, "loaded %s on Spark (%s): %,d users, %,d items, %,d interactions in %.2f s%n",
          data.name(), master, data.users().size(), data.items().size(), data.interactions().nnz(),
          (System.nanoTime() - start) / 1e9);
      return data;
    }

    @Override
    public NeighborIndex build(Algorithm algorithm, SimilarityConfig config, InteractionMatrix matrix,
        FeatureTable itemFeatures, LongConsumer progress) {
      return interactions.engine().build(algorithm, config, matrix, itemFeatures, progress);
    }

    @Override
    public void close() {
      if (session != null) {
        session.stop();
      }
    }
  }
}
