package dev.funnel.rank.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.retrieval.cf.Algorithm;
import org.junit.jupiter.api.Test;

class ComponentsTest {
  @Test
  void everyKindIsFoundByItsNameAndNoOther() {
    assertThat(Components.channels()).extracting(ChannelKind::name).containsExactly("itemcf", "itemcf-weighted",
        "swing", "usercf", "usercf-pop", "ease", "ease-user", "popular", "twotower", "dae");
    for (ChannelKind kind : Components.channels()) {
      assertThat(Components.channel(kind.name())).isSameAs(kind);
      assertThat(kind.description()).isNotBlank();
    }
    assertThat(Components.channel("ease")).isInstanceOf(IndexChannel.class);
    assertThat(Components.channel("dae")).isInstanceOf(LearnedChannel.class);
    assertThatThrownBy(() -> Components.channel("itemcff")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown channel kind 'itemcff'").hasMessageContaining("swing, usercf");
  }

  @Test
  void aRankingSpecAlsoBuildsItemCfForItsSimilarityFeatures() {
    PipelineSpec merge = spec("channels: [swing, twotower, usercf]\n");
    assertThat(Components.indices(merge)).containsExactly(Algorithm.SWING, Algorithm.USERCF);
    assertThat(Components.indices(merge.withPrerank(PipelineSpecs.preset("full").prerank())))
        .containsExactly(Algorithm.SWING, Algorithm.USERCF, Algorithm.ITEMCF);
    assertThat(Components.pairModel(merge).name()).isEqualTo("twotower");
    assertThat(Components.pairModel(PipelineSpecs.preset("full"))).isNull();
  }

  @Test
  void checkNamesWhatDoesNotFit() {
    assertThatThrownBy(() -> Components.check(spec("channels: [{kind: dae, like: value}]\n")))
        .hasMessageContaining("channel dae: 'like' applies to CF channels only");
    assertThatThrownBy(() -> Components.check(spec("channels: [itemcf]\nmodels: {twotower: {dim: 8}}\n")))
        .hasMessageContaining("models.twotower (the --tt-* options) is set, but twotower is not among the channels");
    assertThatThrownBy(() -> Components.check(spec("channels: [dae]\nmodels: {dae: {hiden: 8}}\n")))
        .hasMessageContaining("models.dae: unknown option(s) [hiden]");
    assertThatThrownBy(() -> Components.check(spec("channels: [dae]\nmodels: {dae: {dropout: 1.5}}\n")))
        .hasMessageContaining("dropout");
    assertThatThrownBy(() -> Components.check(spec("channels: [itemcf]\nrank: {model: dnn}\n")))
        .hasMessageContaining("rank.model: unknown 'dnn'");
    assertThatThrownBy(() -> Components.check(spec("channels: [itemcf]\nrank: {objective: 'rank:map'}\n")))
        .hasMessageContaining("rank.objective: unknown 'rank:map'");
    assertThatThrownBy(() -> Components.check(spec("channels: []\nprerank: {}\n")))
        .hasMessageContaining("name at least one channel");
    PipelineSpecs.presets().values().forEach(Components::check);
  }

  private static PipelineSpec spec(String yaml) {
    return PipelineSpecs.parse(yaml, "test");
  }
}
