package dev.funnel.server.serving;

import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.features.OnlineFeatureStore;
import dev.funnel.rank.pipeline.PipelineComposer;
import dev.funnel.rank.pipeline.RankingPipeline;
import dev.funnel.rank.pipeline.ReRankChain;
import dev.funnel.rank.pipeline.SnapshotAssembler;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.rerank.ReRanker;
import dev.funnel.retrieval.model.CfModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One opened model snapshot with its pipeline composed over it: what a request needs. The stages are fixed; the
 * re-rank chain reads the live catalogue and feedback, so it is rebuilt when the catalogue changes and at least
 * every {@value #CHAIN_SECONDS} s (exploration's pool follows the impressions). A request that started on this
 * model finishes on it even if a newer one is swapped in meanwhile. Thread-safe.
 */
public final class ServingModel {
  /** The longest a re-rank chain is served before it is rebuilt. */
  static final long CHAIN_SECONDS = 60;

  private final String name;
  private final Path directory;
  private final CfModel model;
  private final PipelineSpec spec;
  private final RankingPipeline pipeline;
  /** The model's own item attributes, which the live catalogue overrides. */
  private final ItemAttributes attributes;
  private final AtomicReference<Chain> chain = new AtomicReference<>();

  private record Chain(long catalogueVersion, long builtAt, List<ReRanker> reRankers) {}

  private ServingModel(String name, Path directory, CfModel model, PipelineSpec spec, RankingPipeline pipeline,
      ItemAttributes attributes) {
    this.name = name;
    this.directory = directory;
    this.model = model;
    this.spec = spec;
    this.pipeline = pipeline;
    this.attributes = attributes;
  }

  /**
   * Opens a snapshot and composes the pipeline it was built for (see {@link SnapshotAssembler#specOf}), its ranker
   * reading {@code store}.
   *
   * @throws IllegalArgumentException if that pipeline has no {@code rules} step (see {@link #requireRules})
   */
  public static ServingModel open(Path directory, OnlineFeatureStore store) throws IOException {
    CfModel model = CfModel.open(directory);
    PipelineSpec spec = requireRules(SnapshotAssembler.specOf(model), "snapshot " + directory + "'s pipeline");
    return new ServingModel(directory.getFileName().toString(), directory, model, spec,
        PipelineComposer.open(spec, model, List.of(), store), SnapshotAssembler.attributes(model));
  }

  /**
   * {@code spec}, which must have a {@code rules} step: the server's filters (hidden, expired, seen, the request's
   * category) are rules.
   *
   * @param what the spec's name in the error
   */
  public static PipelineSpec requireRules(PipelineSpec spec, String what) {
    if (spec.steps("rules").isEmpty()) {
      throw new IllegalArgumentException(what + " needs a rules step: the server filters hidden, expired and seen "
          + "items and ?category= with it; add '- rules: {}' to its rerank chain");
    }
    return spec;
  }

  /** The snapshot's directory name (its version). */
  public String name() {
    return name;
  }

  public Path directory() {
    return directory;
  }

  public CfModel model() {
    return model;
  }

  /** The pipeline the snapshot was built for, which it serves. */
  public PipelineSpec spec() {
    return spec;
  }

  /** Whether the served pipeline ranks with trained stages. */
  public boolean ranks() {
    return pipeline.extractor() != null;
  }

  /** The pipeline with its re-rank chain over the catalogue and feedback as they are at {@code now}. */
  public RankingPipeline pipeline(LiveCatalogue catalogue, LiveFeedback feedback, long now) {
    Chain current = chain.get();
    long version = catalogue.version();
    if (current == null || current.catalogueVersion() != version || now - current.builtAt() >= CHAIN_SECONDS) {
      ReRankChain.Inputs inputs = new ReRankChain.Inputs(catalogue.attributes(model.items(), attributes),
          model.items()::denseId, feedback.of(model.items()), now, false);
      current = new Chain(version, now, ReRankChain.build(spec, inputs));
      chain.set(current);
    }
    return pipeline.withReRankers(current.reRankers());
  }
}
