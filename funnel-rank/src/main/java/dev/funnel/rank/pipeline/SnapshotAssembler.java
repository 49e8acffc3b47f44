package dev.funnel.rank.pipeline;

import dev.funnel.core.data.Dataset;
import dev.funnel.core.data.FeatureColumn;
import dev.funnel.core.features.FeatureViews;
import dev.funnel.core.snapshot.FeatureTableFiles;
import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.spec.MergeSpec;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.core.spec.PreRankSpec;
import dev.funnel.core.spec.RankSpec;
import dev.funnel.core.spec.ReRankSpec;
import dev.funnel.rank.component.ChannelKind;
import dev.funnel.rank.component.Components;
import dev.funnel.rank.component.LearnedChannel;
import dev.funnel.rank.rerank.ItemAttributes;
import dev.funnel.rank.train.ShownItems;
import dev.funnel.retrieval.cf.IndexEngine;
import dev.funnel.retrieval.cf.SimilarityConfig;
import dev.funnel.retrieval.model.CfModel;
import dev.funnel.retrieval.model.CfModelBuilder;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one snapshot assembler, behind {@code funnel build} and the server's builds: everything a spec needs, trained
 * on one dataset into one snapshot — the CF indices its channels read, each learned channel's model, the ranking
 * stages — with the spec itself, which is what the snapshot then serves.
 */
public final class SnapshotAssembler {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotAssembler.class);
  /** The manifest component holding the spec, as YAML. */
  static final String SPEC = "pipeline";
  /** The items' features the re-rank chain reads (categories, publish times), without text columns. */
  private static final String ITEM_FEATURES = "catalogue.item-features";

  private final PipelineSpec spec;
  private final FeatureViews views;
  private final int lastN;
  private final SimilarityConfig similarity;
  private final boolean lenient;
  private final IndexEngine engine;

  /**
   * @param views the feature views the ranking stages read (when the spec ranks)
   * @param lastN the recent items per user the snapshot's channels read by default
   * @param threads threads for the CF builds, or null for all cores
   * @param lenient whether a learned part that cannot be trained on data this small is left out with a warning (a
   *     server's first builds on a fresh deployment) rather than failing the build
   * @throws IllegalArgumentException if the spec names something the registry does not know
   */
  public SnapshotAssembler(PipelineSpec spec, FeatureViews views, int lastN, Integer threads, boolean lenient) {
    this(spec, views, lastN, threads, lenient, IndexEngine.LOCAL);
  }

  /** The same, with the CF indices computed by {@code engine} (a Spark cluster) rather than in this JVM. */
  public SnapshotAssembler(PipelineSpec spec, FeatureViews views, int lastN, Integer threads, boolean lenient,
      IndexEngine engine) {
    this.spec = Components.check(spec);
    this.views = views;
    if (lastN < 1) {
      throw new IllegalArgumentException("last-n must be ≥ 1, was " + lastN);
    }
    this.lastN = lastN;
    SimilarityConfig config = Components.similarity(spec);
    this.similarity = threads == null ? config : config.withThreads(threads);
    this.lenient = lenient;
    this.engine = engine;
  }

  public PipelineSpec spec() {
    return spec;
  }

  /**
   * Trains everything into a new snapshot at {@code out}.
   *
   * @param shownSince the impression log from a time on (epoch seconds), in {@code data}'s ids, for the ranker's
   *     negatives
   * @param seed seeds every learned model
   */
  public CfModelBuilder.Summary build(Dataset data, Path out, CfModelBuilder.Listener listener,
      LongFunction<ShownItems> shownSince, long seed) throws IOException {
    List<CfModelBuilder.Part> parts = new ArrayList<>();
    parts.add(writer -> writer.parameters(SPEC, Map.of("yaml", spec.toYaml())));
    parts.add(writer -> FeatureTableFiles.write(writer, ITEM_FEATURES,
        data.itemFeatures().select(column -> !(column instanceof FeatureColumn.Text))));
    List<LearnedChannel> trained = new ArrayList<>();
    for (LearnedChannel kind : Components.learned(spec)) {
      parts.add(writer -> part(kind.name() + " model", listener, () -> {
        kind.train(data, spec, seed, writer);
        trained.add(kind);
      }));
    }
    if (spec.ranks()) {
      parts.add(writer -> part("ranking stages", listener,
          () -> RankingModel.train(data, spec, lastN, views, shownSince, seed).write(writer)));
    }
    CfModelBuilder.Summary summary = new CfModelBuilder(similarity, lastN, engine).build(data, Components.indices(spec), out,
        listener, parts);
    for (LearnedChannel kind : trained) {
      kind.finish(summary.directory());
    }
    return summary;
  }

  private interface Training {
    void run() throws IOException;
  }

  private void part(String what, CfModelBuilder.Listener listener, Training training) throws IOException {
    listener.step(what);
    try {
      training.run();
    } catch (IllegalArgumentException e) {
      if (!lenient) {
        throw e;
      }
      LOG.warn("{} not trained, the snapshot serves without: {}", what, e.getMessage());
    }
  }

  /**
   * The items' categories and publish times as of the build (none for a snapshot built before they were kept).
   */
  public static ItemAttributes attributes(CfModel model) throws IOException {
    return model.manifest().parameters().containsKey(ITEM_FEATURES)
        ? ItemAttributes.fromFeatures(FeatureTableFiles.read(model.snapshot(), ITEM_FEATURES))
        : ItemAttributes.builder(model.items().size()).build();
  }

  /**
   * The spec {@code model} was built for; for a snapshot built before specs were recorded, the one it implies: its
   * indices and learned models as channels, ranked by its stages when it has them.
   */
  public static PipelineSpec specOf(CfModel model) {
    Map<String, Object> recorded = model.manifest().parameters().get(SPEC);
    if (recorded != null) {
      return PipelineSpecs.parse((String) recorded.get("yaml"), model.snapshot().directory() + " (its pipeline)");
    }
    List<ChannelSpec> channels = new ArrayList<>();
    for (ChannelKind kind : Components.channels()) {
      if (!kind.name().equals("popular") && kind.isIn(model)) {
        channels.add(ChannelSpec.of(kind.name()));
      }
    }
    PipelineSpec spec = new PipelineSpec("implied by " + model.snapshot().directory().getFileName(), channels, null,
        null, null, null, null, null, List.of(ReRankSpec.of(ReRankSpec.Rules.DEFAULT)), null);
    return RankingModel.isIn(model.manifest()) ? spec.withMerge(MergeSpec.DEFAULT)
        .withPrerank(new PreRankSpec(null, null)).withRank(new RankSpec(null, null, null, null, null, null)) : spec;
  }
}
