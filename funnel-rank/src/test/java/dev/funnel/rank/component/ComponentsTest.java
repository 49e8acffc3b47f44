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
        "swing", "usercf", "usercf-pop", "ease", "ease-user", "contentcf", "popular", "twotower", "dae");
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
    assertThat(Components.pairModel(merge.channelKinds()).name()).isEqualTo("twotower");
    assertThat(Components.pairModel(PipelineSpecs.preset("full").channelKinds())).isNull();
  }

  @Test
  void checkNamesWhatDoesNotFit() {
    assertThatThrownBy(() -> Components.check(spec("channels: [{kind: dae, like: value}]\n")))
        .hasMessageContaining("channel dae: 'like' applies to CF channels only");
    assertThatThrownBy(() -> Components.check(spec("channels: [itemcf]\nmodels: {twotower: {dim: 8}}\n")))
        .hasMessageContaining("models.twotower (the --tt-* options) is set, but twotower is not among the channels");
    assertThatThrownBy(() -> Components.check(spec("channels: [itemcf]\nrank: {model: dnn}\n")))
        .hasMessageContaining("rank.model: unknown 'dnn'");
    assertThatThrownBy(() -> Components.check(spec("channels: [itemcf]\nrank: {objective: 'rank:map'}\n")))
        .hasMessageContaining("rank.objective: unknown 'rank:map'");
    assertThatThrownBy(() -> Components.check(spec("channels: []\nprerank: {}\n")))
        .hasMessageContaining("name at least one channel");
    PipelineSpecs.presets().values().forEach(Components::checkServable);
  }

  /** funnel-rank does not train: without funnel-learn, a learned channel's options cannot even be checked. */
  @Test
  void learnedModelsNeedTheirTrainingOnTheClassPath() {
    PipelineSpec dae = spec("channels: [dae]\n");
    assertThat(Components.checkServable(dae)).isSameAs(dae);
    assertThatThrownBy(() -> Components.check(dae)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("training the dae model needs funnel-learn");
  }

  private static PipelineSpec spec(String yaml) {
    return PipelineSpecs.parse(yaml, "test");
  }
}
