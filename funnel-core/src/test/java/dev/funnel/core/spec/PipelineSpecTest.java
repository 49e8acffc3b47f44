package dev.funnel.core.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.FeedbackTransform;
import dev.funnel.core.eval.PipelineOptions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineSpecTest {
  private static final Map<String, String> MODELS = Map.of("tt-", "twotower", "dae-", "dae");

  @Test
  void readsAHandWrittenSpecWithShorthandAndMappedChannels() {
    PipelineSpec spec = PipelineSpecs.parse("""
        channels:
          - itemcf
          - {kind: swing, quota: 50, like: value}
        retrieval: {lastN: 20}
        prerank: {keep: 40}
        rerank:
          - rules: {categoryCap: 2, boosts: {i9: 1.5}}
          - mmr: {lambda: 0.7}
        n: 5
        """, "test");
    assertThat(spec.channelKinds()).containsExactly("itemcf", "swing");
    assertThat(spec.quotaOf(spec.channels().get(0))).isEqualTo(100);
    assertThat(spec.quotaOf(spec.channels().get(1))).isEqualTo(50);
    assertThat(spec.channels().get(1).like()).isEqualTo("value");
    assertThat(spec.retrieval().lastN()).isEqualTo(20);
    assertThat(spec.retrieval().popularFallback()).isTrue();
    assertThat(spec.merge().candidates()).isEqualTo(300);
    assertThat(spec.prerank().keep()).isEqualTo(40);
    assertThat(spec.rank()).isNull();
    assertThat(spec.rerank()).extracting(ReRankSpec::kind).containsExactly("rules", "mmr");
    assertThat(spec.rerank().get(0).rules().categoryCap()).isEqualTo(2);
    assertThat(spec.rerank().get(0).rules().seen()).isTrue();
    assertThat(spec.rerank().get(0).rules().boosts()).isEqualTo(Map.of("i9", 1.5));
    assertThat(spec.rerank().get(1).mmr().lambda()).isEqualTo(0.7);
    assertThat(spec.n()).isEqualTo(5);
  }

  @Test
  void everyPresetParsesAndSurvivesARoundTripThroughYaml() {
    assertThat(PipelineSpecs.presetNames()).contains("popular", "itemcf", "ease-user", "merged", "full",
        "ablation-merge", "ablation-prerank", "ablation-rank", "twotower", "dae");
    PipelineSpecs.presets().forEach((name, spec) -> {
      assertThat(spec.description()).as(name).isNotBlank();
      assertThat(PipelineSpecs.parse(spec.toYaml(), name)).as(name).isEqualTo(spec);
    });
    PipelineSpec full = PipelineSpecs.preset("full");
    assertThat(full.channels()).hasSize(7);
    assertThat(full.rank().members()).isEqualTo(5);
    assertThat(full.steps("mmr")).singleElement().extracting(s -> s.mmr().lambda()).isEqualTo(0.8);
  }

  @Test
  void anErrorNamesTheKeyAndTheLine() {
    assertThatThrownBy(() -> PipelineSpecs.parse("""
        channels: [itemcf]
        rerank:
          - mmr: {lambda: 1.5}
        """, "spec.yaml"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("spec.yaml line 3")
        .hasMessageContaining("rerank[0].mmr")
        .hasMessageContaining("lambda must lie in [0, 1], was 1.5");
    assertThatThrownBy(() -> PipelineSpecs.parse("channels: [itemcf]\nmerge: {candidatez: 3}\n", "s"))
        .hasMessageContaining("s line 2").hasMessageContaining("candidatez");
    assertThatThrownBy(() -> PipelineSpecs.parse("rerank:\n  - {mmr: {}, rules: {}}\n", "s"))
        .hasMessageContaining("exactly one of mmr, freshness, rules, exploration; found 2");
    assertThatThrownBy(() -> PipelineSpecs.parse("channels: [itemcf, itemcf]\n", "s"))
        .hasMessageContaining("appears twice");
    assertThatThrownBy(() -> PipelineSpecs.parse("channels: []\nretrieval: {fallback: none}\n", "s"))
        .hasMessageContaining("at least one channel");
    assertThatThrownBy(() -> PipelineSpecs.preset("nope")).hasMessageContaining("presets: ablation-merge");
    assertThatThrownBy(() -> PipelineSpecs.parse("channels: [itemcf]\nsimilarity:\n  transform: sqrt\n", "t.yaml"))
        .hasMessageContaining("t.yaml line 3").hasMessageContaining("similarity.transform")
        .hasMessageContaining("unknown feedback transform 'sqrt'; known: none, log1p, binary, user-norm, bm25");
  }

  @Test
  void aTransformIsReadFromTheSpecAndTheCommandLine() {
    PipelineSpec spec = PipelineSpecs.parse("channels: [itemcf-weighted]\nsimilarity: {transform: bm25}\n", "s");
    assertThat(spec.similarity().transform()).isEqualTo(FeedbackTransform.BM25);
    assertThat(PipelineSpecs.parse(spec.toYaml(), "round trip")).isEqualTo(spec);
    PipelineOptions options = new PipelineOptions(Map.of("transform", "user-norm"), 1);
    assertThat(SpecOptions.apply(spec, options, MODELS).similarity().transform())
        .isEqualTo(FeedbackTransform.USER_NORM);
    assertThat(options.unused()).isEmpty();
    assertThat(PipelineSpecs.preset("itemcf-weighted").similarity().transform()).isEqualTo(FeedbackTransform.LOG1P);
    assertThat(PipelineSpecs.preset("full").similarity().transform()).as("null: the default").isNull();
    assertThat(FeedbackTransform.DEFAULT).isEqualTo(FeedbackTransform.NONE);
    assertThatThrownBy(() -> SpecOptions.apply(spec, new PipelineOptions(Map.of("transform", "log"), 1), MODELS))
        .hasMessage("--transform: unknown feedback transform 'log'; known: none, log1p, binary, user-norm, bm25");
  }

  @Test
  void commandLineOptionsChangeTheirOneKeyAndAreMarkedUsed() {
    PipelineOptions options = new PipelineOptions(Map.of("mmr-lambda", "0.9", "pair-model", "dae", "top", "50",
        "rank-members", "2", "dae-epochs", "3", "k", "20", "like", "value"), 42);
    PipelineSpec spec = SpecOptions.apply(PipelineSpecs.preset("full"), options, MODELS);
    assertThat(options.unused()).isEmpty();
    assertThat(spec.channelKinds()).endsWith("ease-user", "dae").hasSize(8);
    assertThat(spec.channels().subList(0, 7)).allSatisfy(c -> assertThat(c.like()).isEqualTo("value"));
    assertThat(spec.steps("mmr").get(0).mmr().lambda()).isEqualTo(0.9);
    assertThat(spec.retrieval().quota()).isEqualTo(50);
    assertThat(spec.rank().members()).isEqualTo(2);
    assertThat(spec.similarity().k()).isEqualTo(20);
    assertThat(spec.modelOptions("dae")).isEqualTo(Map.of("epochs", "3"));
    assertThat(SpecOptions.apply(PipelineSpecs.preset("full"), new PipelineOptions(Map.of(), 1), MODELS))
        .isEqualTo(PipelineSpecs.preset("full"));
  }

  @Test
  void anOptionForAMissingStageOrOutOfRangeIsRefused() {
    assertThatThrownBy(() -> SpecOptions.apply(PipelineSpecs.preset("merged"),
        new PipelineOptions(Map.of("mmr-lambda", "0.5"), 1), MODELS)).hasMessageContaining("--mmr-lambda needs a mmr");
    assertThatThrownBy(() -> SpecOptions.apply(PipelineSpecs.preset("itemcf"),
        new PipelineOptions(Map.of("rounds", "5"), 1), MODELS)).hasMessageContaining("needs a rank stage");
    assertThatThrownBy(() -> SpecOptions.apply(PipelineSpecs.preset("full"),
        new PipelineOptions(Map.of("rank-members", "9"), 1), MODELS)).hasMessageContaining("[1, 5]");
    assertThat(SpecOptions.apply(PipelineSpecs.preset("merged"),
        new PipelineOptions(Map.of("channels", "swing, itemcf"), 1), MODELS).channelKinds()).isEqualTo(List.of("swing", "itemcf"));
  }
}
