package dev.funnel.core.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.funnel.core.config.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A recommendation pipeline as data: retrieve ({@code channels}, merged) → pre-rank → rank → the re-rank chain →
 * the best {@code n}. Each stage after retrieval is optional (left out: the list keeps the previous stage's order).
 * Every key has a default, so a parsed spec is complete: {@code funnel eval --print-spec NAME} shows the values in
 * force. Immutable; the {@code with*} methods return changed copies.
 *
 * @param description one line for listings
 * @param channels the retrieval channels, merged in this order (their kinds: {@code funnel eval --list})
 * @param retrieval the channels' defaults and the fallback
 * @param similarity how the CF indices are built
 * @param models the learned models' options by kind, e.g. {@code twotower: {epochs: 20}} (names as the
 *     {@code --tt-*} and {@code --dae-*} options without their prefix)
 * @param merge how many merged candidates the ranking stages see
 * @param prerank the cheap cut, or null for none
 * @param rank the learned ranker, or null for none
 * @param rerank the re-rank chain, in order
 * @param n the default response length (10)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"description", "channels", "retrieval", "similarity", "models", "merge", "prerank", "rank",
    "rerank", "n"})
public record PipelineSpec(String description, List<ChannelSpec> channels, RetrievalSpec retrieval,
    SimilaritySpec similarity, Map<String, Map<String, Object>> models, MergeSpec merge, PreRankSpec prerank,
    RankSpec rank, List<ReRankSpec> rerank, Integer n) {

  public PipelineSpec {
    channels = channels == null ? List.of() : List.copyOf(channels);
    retrieval = retrieval == null ? RetrievalSpec.DEFAULT : retrieval;
    if (channels.isEmpty() && !retrieval.popularFallback()) {
      throw new IllegalArgumentException("a pipeline needs at least one channel, or the popular fallback");
    }
    if (channels.stream().map(ChannelSpec::kind).distinct().count() < channels.size()) {
      throw new IllegalArgumentException("a channel kind appears twice in " + channels.stream().map(ChannelSpec::kind)
          .toList());
    }
    similarity = similarity == null ? SimilaritySpec.DEFAULT : similarity;
    models = models == null ? Map.of() : copy(models);
    merge = merge == null ? MergeSpec.DEFAULT : merge;
    rerank = rerank == null ? List.of() : List.copyOf(rerank);
    n = n == null ? 10 : n;
    if (n < 1 || n > 10_000) {
      throw new IllegalArgumentException("n must be in [1, 10000], was " + n);
    }
  }

  /**
   * A spec named in a configuration file: a preset's name, or the path of a spec file.
   *
   * @throws IllegalArgumentException when it is neither
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static PipelineSpec named(String presetOrFile) {
    try {
      return PipelineSpecs.resolve(presetOrFile);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("cannot read pipeline spec " + presetOrFile + ": " + e.getMessage(), e);
    }
  }

  /** A spec written out as a mapping. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  static PipelineSpec create(@JsonProperty("description") String description,
      @JsonProperty("channels") List<ChannelSpec> channels, @JsonProperty("retrieval") RetrievalSpec retrieval,
      @JsonProperty("similarity") SimilaritySpec similarity,
      @JsonProperty("models") Map<String, Map<String, Object>> models, @JsonProperty("merge") MergeSpec merge,
      @JsonProperty("prerank") PreRankSpec prerank, @JsonProperty("rank") RankSpec rank,
      @JsonProperty("rerank") List<ReRankSpec> rerank, @JsonProperty("n") Integer n) {
    return new PipelineSpec(description, channels, retrieval, similarity, models, merge, prerank, rank, rerank, n);
  }

  private static Map<String, Map<String, Object>> copy(Map<String, Map<String, Object>> models) {
    Map<String, Map<String, Object>> copy = new LinkedHashMap<>();
    models.forEach((kind, options) -> copy.put(kind, options == null ? Map.of()
        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options))));
    return java.util.Collections.unmodifiableMap(copy);
  }

  /** The channels' kinds, in merge order. */
  public List<String> channelKinds() {
    return channels.stream().map(ChannelSpec::kind).toList();
  }

  /** The quota of {@code channel}: its own, else the spec's default. */
  public int quotaOf(ChannelSpec channel) {
    return channel.quota() != null ? channel.quota() : retrieval.quota();
  }

  /** Whether candidates get a learned stage (pre-ranker or ranker), which reads features. */
  public boolean ranks() {
    return prerank != null || rank != null;
  }

  /** The options of learned model {@code kind} (empty when none are given). */
  public Map<String, Object> modelOptions(String kind) {
    return models.getOrDefault(kind, Map.of());
  }

  /** The re-rank steps of one kind, in chain order. */
  public List<ReRankSpec> steps(String kind) {
    return rerank.stream().filter(step -> step.kind().equals(kind)).toList();
  }

  /** The spec as YAML, as {@link PipelineSpecs#parse} reads it back. */
  public String toYaml() {
    return YamlDocument.write(this);
  }

  public PipelineSpec withChannels(List<ChannelSpec> newChannels) {
    return new PipelineSpec(description, newChannels, retrieval, similarity, models, merge, prerank, rank, rerank, n);
  }

  public PipelineSpec withRetrieval(RetrievalSpec newRetrieval) {
    return new PipelineSpec(description, channels, newRetrieval, similarity, models, merge, prerank, rank, rerank, n);
  }

  public PipelineSpec withSimilarity(SimilaritySpec newSimilarity) {
    return new PipelineSpec(description, channels, retrieval, newSimilarity, models, merge, prerank, rank, rerank, n);
  }

  /** With {@code key: value} among learned model {@code kind}'s options. */
  public PipelineSpec withModelOption(String kind, String key, Object value) {
    Map<String, Map<String, Object>> changed = new LinkedHashMap<>(models);
    Map<String, Object> options = new LinkedHashMap<>(modelOptions(kind));
    options.put(key, value);
    changed.put(kind, options);
    return new PipelineSpec(description, channels, retrieval, similarity, changed, merge, prerank, rank, rerank, n);
  }

  public PipelineSpec withMerge(MergeSpec newMerge) {
    return new PipelineSpec(description, channels, retrieval, similarity, models, newMerge, prerank, rank, rerank, n);
  }

  public PipelineSpec withPrerank(PreRankSpec newPrerank) {
    return new PipelineSpec(description, channels, retrieval, similarity, models, merge, newPrerank, rank, rerank, n);
  }

  public PipelineSpec withRank(RankSpec newRank) {
    return new PipelineSpec(description, channels, retrieval, similarity, models, merge, prerank, newRank, rerank, n);
  }

  public PipelineSpec withRerank(List<ReRankSpec> newRerank) {
    return new PipelineSpec(description, channels, retrieval, similarity, models, merge, prerank, rank, newRerank, n);
  }

  /** With every step of the chain passed through {@code change}. */
  public PipelineSpec mapRerank(UnaryOperator<ReRankSpec> change) {
    List<ReRankSpec> changed = new ArrayList<>(rerank.size());
    rerank.forEach(step -> changed.add(change.apply(step)));
    return withRerank(changed);
  }
}
