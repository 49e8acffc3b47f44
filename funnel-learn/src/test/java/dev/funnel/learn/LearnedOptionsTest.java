package dev.funnel.learn;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.spec.PipelineSpec;
import dev.funnel.core.spec.PipelineSpecs;
import dev.funnel.rank.component.Components;
import org.junit.jupiter.api.Test;

/** With funnel-learn on the class path, the learned models' options are read and checked where a spec is. */
class LearnedOptionsTest {
  @Test
  void theLearnedModelsOptionsAreCheckedByName() {
    assertThatThrownBy(() -> Components.check(spec("channels: [dae]\nmodels: {dae: {hiden: 8}}\n")))
        .hasMessageContaining("models.dae: unknown option(s) [hiden]");
    assertThatThrownBy(() -> Components.check(spec("channels: [dae]\nmodels: {dae: {dropout: 1.5}}\n")))
        .hasMessageContaining("dropout");
    assertThatThrownBy(() -> Components.check(spec("channels: [twotower]\nmodels: {twotower: {mode: sideways}}\n")))
        .hasMessageContaining("sideways");
    PipelineSpecs.presets().values().forEach(Components::check);
  }

  private static PipelineSpec spec(String yaml) {
    return PipelineSpecs.parse(yaml, "test");
  }
}
