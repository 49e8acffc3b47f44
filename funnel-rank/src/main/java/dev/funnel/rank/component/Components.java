package dev.funnel.rank.component;

import dev.funnel.core.spec.ChannelSpec;
import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.SimilaritySpec;
import dev.funnel.core.spec.SpecOptions;
import dev.funnel.core.eval.PipelineOptions;
import dev.funnel.rank.features.PairTraining;
import dev.funnel.rank.model.GbdtRanker;
import dev.funnel.retrieval.cf.Algorithm;
import dev.funnel.retrieval.cf.SimilarityConfig;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The registry of pipeline components: every channel kind by name, and the stages' model kinds. Every question of
 * the form "what does this name in a spec mean" is answered here, and a spec is checked here once, before anything
 * is trained or opened.
 */
public final class Components {
  /** The pre-rankers a spec may name. */
  public static final Set<String> PRE_RANKERS = Set.of("logistic");
  /** The rankers a spec may name. */
  public static final Set<String> RANKERS = Set.of("gbdt");

  private static final Map<String, ChannelKind> CHANNELS = channelsByName();

  private Components() {}

  private static Map<String, ChannelKind> channelsByName() {
    Map<String, ChannelKind> byName = new LinkedHashMap<>();
    List<ChannelKind> all = new ArrayList<>();
    Arrays.stream(Algorithm.values()).map(IndexChannel::new).forEach(all::add);
    all.add(IndexChannel.POPULAR);
    all.add(new TwoTowerChannelKind());
    all.add(new DaeChannelKind());
    for (ChannelKind kind : all) {
      if (byName.put(kind.name(), kind) != null) {
        throw new IllegalStateException("two channel kinds are called '" + kind.name() + "'");
      }
    }
    return java.util.Collections.unmodifiableMap(byName);
  }

  /** Every channel kind, in listing order. */
  public static List<ChannelKind> channels() {
    return List.copyOf(CHANNELS.values());
  }

  /**
   * The channel kind called {@code name}.
   *
   * @throws IllegalArgumentException naming the kinds when there is none
   */
  public static ChannelKind channel(String name) {
    ChannelKind kind = CHANNELS.get(name);
    if (kind == null) {
      throw new IllegalArgumentException("unknown channel kind '" + name + "'; known: " + String.join(", ",
          CHANNELS.keySet()));
    }
    return kind;
  }

  /**
   * {@code spec} with the command line's pipeline options applied to its keys (see {@link SpecOptions}; the
   * learned kinds' options by their prefixes).
   */
  public static PipelineSpec withOptions(PipelineSpec spec, PipelineOptions options) {
    Map<String, String> modelByPrefix = new LinkedHashMap<>();
    CHANNELS.values().stream().filter(LearnedChannel.class::isInstance).map(LearnedChannel.class::cast)
        .forEach(kind -> modelByPrefix.put(kind.optionPrefix(), kind.name()));
    return SpecOptions.apply(spec, options, modelByPrefix);
  }

  /** The learned channels of {@code spec}, in merge order. */
  public static List<LearnedChannel> learned(PipelineSpec spec) {
    return spec.channels().stream().map(c -> channel(c.kind())).filter(LearnedChannel.class::isInstance)
        .map(LearnedChannel.class::cast).toList();
  }

  /** The pair model of ranking features over these channels (kind names): the first learned one, or null. */
  public static LearnedChannel pairModel(List<String> channels) {
    return channels.stream().map(Components::channel).filter(LearnedChannel.class::isInstance)
        .map(LearnedChannel.class::cast).findFirst().orElse(null);
  }

  /** Training {@code spec}'s learned channels, each with its options and {@code seed}, on the data it is given. */
  public static PairTraining training(PipelineSpec spec, long seed) {
    List<LearnedChannel> learned = learned(spec);
    if (learned.isEmpty()) {
      return PairTraining.NONE;
    }
    return visible -> {
      Map<String, PairTraining.PairModel> models = new LinkedHashMap<>();
      learned.forEach(kind -> models.put(kind.name(), kind.fit(visible, spec, seed)));
      return models;
    };
  }

  /**
   * The CF indices {@code spec} reads: its CF channels' in order, and ItemCF's when it ranks (the ranking features
   * read its similarities).
   */
  public static List<Algorithm> indices(PipelineSpec spec) {
    List<Algorithm> indices = new ArrayList<>();
    for (ChannelSpec channel : spec.channels()) {
      if (channel(channel.kind()) instanceof IndexChannel index && index.index() != null) {
        indices.add(index.index());
      }
    }
    if (spec.ranks() && !indices.contains(Algorithm.ITEMCF)) {
      indices.add(Algorithm.ITEMCF);
    }
    return List.copyOf(indices);
  }

  /** How {@code spec}'s CF indices are built: its keys over the builders' defaults. */
  public static SimilarityConfig similarity(PipelineSpec spec) {
    SimilaritySpec s = spec.similarity();
    SimilarityConfig config = SimilarityConfig.defaults();
    if (s.k() != null) {
      config = config.withK(s.k());
    }
    if (s.swingAlpha() != null) {
      config = config.withSwingAlpha(s.swingAlpha());
    }
    if (s.swingBeta() != null) {
      config = config.withSwingBeta(s.swingBeta());
    }
    if (s.easeLambda() != null) {
      config = config.withEaseLambda(s.easeLambda());
    }
    if (s.easeNeighbors() != null) {
      config = config.withEaseNeighbors(s.easeNeighbors());
    }
    if (s.maxUserItems() != null) {
      config = config.withMaxUserItems(s.maxUserItems());
    }
    if (s.maxItemUsers() != null) {
      config = config.withMaxItemUsers(s.maxItemUsers());
    }
    if (s.transform() != null) {
      config = config.withTransform(s.transform());
    }
    return config;
  }

  /**
   * Checks everything the spec names against this registry: channel kinds and their options, the stages' models,
   * and the learned models' options (which needs their training, funnel-learn, on the class path). Returns the
   * spec, so that a caller can check where it parses.
   *
   * @throws IllegalArgumentException naming the key
   */
  public static PipelineSpec check(PipelineSpec spec) {
    checkServable(spec);
    learned(spec).forEach(kind -> kind.checkOptions(spec));
    return spec;
  }

  /**
   * Checks what serving a spec over a built snapshot needs: every kind known, every option in its place; not the
   * learned models' training options (a server need not be able to train).
   *
   * @throws IllegalArgumentException naming the key
   */
  public static PipelineSpec checkServable(PipelineSpec spec) {
    for (ChannelSpec channel : spec.channels()) {
      channel(channel.kind()).check(channel);
    }
    Set<String> learned = learned(spec).stream().map(ChannelKind::name).collect(Collectors.toSet());
    for (String model : spec.models().keySet()) {
      if (!learned.contains(model)) {
        ChannelKind kind = channel(model);
        String flags = kind instanceof LearnedChannel l ? " (the --" + l.optionPrefix() + "* options)" : "";
        throw new IllegalArgumentException("models." + model + flags + " is set, but " + model
            + " is not among the channels " + spec.channelKinds());
      }
    }
    similarity(spec);
    if (spec.prerank() != null && !PRE_RANKERS.contains(spec.prerank().model())) {
      throw new IllegalArgumentException("prerank.model: unknown '" + spec.prerank().model() + "'; known: "
          + PRE_RANKERS);
    }
    if (spec.rank() != null) {
      if (!RANKERS.contains(spec.rank().model())) {
        throw new IllegalArgumentException("rank.model: unknown '" + spec.rank().model() + "'; known: " + RANKERS);
      }
      if (!GbdtRanker.Settings.OBJECTIVES.contains(spec.rank().objective())) {
        throw new IllegalArgumentException("rank.objective: unknown '" + spec.rank().objective() + "'; known: "
            + GbdtRanker.Settings.OBJECTIVES);
      }
    }
    if (spec.ranks() && spec.channels().isEmpty()) {
      throw new IllegalArgumentException("the ranking stages rank merged candidates: name at least one channel");
    }
    return spec;
  }
}
