package dev.funnel.core.spec;

import dev.funnel.core.data.FeedbackTransform;
import dev.funnel.core.eval.PipelineOptions;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The command line's pipeline options ({@code funnel eval --pipeline full --mmr-lambda 0.9}) as changes to a spec,
 * so that a measured configuration is reproducible as flags or as a spec file. Each option changes one key:
 * {@code --channels a,b} the channels; {@code --like} every channel's like; {@code --top} and {@code --last-n} the
 * retrieval defaults; {@code --k}, {@code --swing-alpha}, {@code --swing-beta}, {@code --ease-lambda},
 * {@code --ease-neighbors}, {@code --max-user-items}, {@code --max-item-users}, {@code --transform} the similarity; {@code --candidates}
 * the merge; {@code --prerank-keep} the pre-ranker; {@code --rank-members}, {@code --rank-objective},
 * {@code --rounds}, {@code --label-folds}, {@code --label-cuts} the ranker; {@code --mmr-lambda} every MMR step;
 * {@code --pair-model twotower|dae|none} appends that learned channel (which the ranker then reads as its pair
 * model); {@code --PREFIX-NAME} sets {@code models.KIND.NAME} for each learned kind and its option prefix (such as
 * {@code --tt-epochs} for {@code models.twotower.epochs}).
 */
public final class SpecOptions {
  private SpecOptions() {}

  /**
   * {@code spec} with the given options applied (each marked as used in {@code options}).
   *
   * @param modelByPrefix the learned kinds by their option prefix, such as {@code tt-} → {@code twotower}
   * @throws IllegalArgumentException for a value out of range, or an option for a stage the spec does not have
   */
  public static PipelineSpec apply(PipelineSpec spec, PipelineOptions options, Map<String, String> modelByPrefix) {
    String channels = options.getString("channels", null);
    if (channels != null) {
      spec = spec.withChannels(Arrays.stream(channels.split(",")).map(String::strip).filter(s -> !s.isEmpty())
          .distinct().map(ChannelSpec::of).toList());
    }
    String like = options.getString("like", null);
    if (like != null) {
      spec = spec.withChannels(spec.channels().stream().map(c -> new ChannelSpec(c.kind(), c.quota(), like)).toList());
    }
    RetrievalSpec r = spec.retrieval();
    spec = spec.withRetrieval(new RetrievalSpec(orElse(intOption(options, "last-n", 1, 100_000), r.lastN()),
        orElse(intOption(options, "top", 1, 100_000), r.quota()), r.fallback()));
    SimilaritySpec s = spec.similarity();
    spec = spec.withSimilarity(new SimilaritySpec(orElse(intOption(options, "k", 1, 10_000), s.k()),
        orElse(doubleOption(options, "swing-alpha"), s.swingAlpha()),
        orElse(doubleOption(options, "swing-beta"), s.swingBeta()),
        orElse(doubleOption(options, "ease-lambda"), s.easeLambda()),
        orElse(intOption(options, "ease-neighbors", 1, 10_000), s.easeNeighbors()),
        orElse(intOption(options, "max-user-items", 0, Integer.MAX_VALUE), s.maxUserItems()),
        orElse(intOption(options, "max-item-users", 0, Integer.MAX_VALUE), s.maxItemUsers()),
        orElse(transform(options), s.transform())));
    Integer candidates = intOption(options, "candidates", 1, 100_000);
    if (candidates != null) {
      spec = spec.withMerge(new MergeSpec(candidates));
    }
    Integer keep = intOption(options, "prerank-keep", 1, 100_000);
    if (keep != null) {
      need(spec.prerank() != null, "prerank-keep", "prerank");
      spec = spec.withPrerank(new PreRankSpec(spec.prerank().model(), keep));
    }
    spec = rank(spec, options);
    Double lambda = doubleOption(options, "mmr-lambda");
    if (lambda != null) {
      need(!spec.steps("mmr").isEmpty(), "mmr-lambda", "mmr re-rank");
      spec = spec.mapRerank(step -> step.mmr() == null ? step
          : ReRankSpec.of(new ReRankSpec.Mmr(lambda, step.mmr().similarity())));
    }
    String pair = options.getString("pair-model", null);
    if (pair != null && !pair.strip().equals("none")) {
      List<ChannelSpec> with = new java.util.ArrayList<>(spec.channels());
      with.add(ChannelSpec.of(pair));
      spec = spec.withChannels(with);
    }
    for (String name : options.names()) {
      for (Map.Entry<String, String> model : modelByPrefix.entrySet()) {
        if (name.startsWith(model.getKey())) {
          spec = spec.withModelOption(model.getValue(), name.substring(model.getKey().length()),
              options.getString(name, null));
        }
      }
    }
    return spec;
  }

  private static FeedbackTransform transform(PipelineOptions options) {
    String name = options.getString("transform", null);
    try {
      return name == null ? null : FeedbackTransform.parse(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--transform: " + e.getMessage(), e);
    }
  }

  private static PipelineSpec rank(PipelineSpec spec, PipelineOptions options) {
    Integer members = intOption(options, "rank-members", 1, 5);
    String objective = options.getString("rank-objective", null);
    Integer rounds = intOption(options, "rounds", 1, 100_000);
    String folds = options.getString("label-folds", null);
    String cuts = options.getString("label-cuts", null);
    if (members == null && objective == null && rounds == null && folds == null && cuts == null) {
      return spec;
    }
    need(spec.rank() != null, "rank-*, --rounds or --label-*", "rank");
    RankSpec r = spec.rank();
    return spec.withRank(new RankSpec(r.model(), orElse(members, r.members()), orElse(objective, r.objective()),
        orElse(rounds, r.rounds()), orElse(folds, r.labelFolds()), orElse(cuts, r.labelCuts())));
  }

  private static void need(boolean present, String option, String stage) {
    if (!present) {
      throw new IllegalArgumentException("option --" + option + " needs a " + stage + " stage, and this pipeline has none");
    }
  }

  private static Integer intOption(PipelineOptions options, String name, int min, int max) {
    return options.getString(name, null) == null ? null : options.getInt(name, 0, min, max);
  }

  private static Double doubleOption(PipelineOptions options, String name) {
    return options.getString(name, null) == null ? null : options.getDouble(name, 0);
  }

  private static <T> T orElse(T given, T current) {
    return given != null ? given : current;
  }
}
