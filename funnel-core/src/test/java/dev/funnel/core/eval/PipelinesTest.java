package dev.funnel.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.eval.baseline.RandomPipeline;
import org.junit.jupiter.api.Test;

class PipelinesTest {
  @Test
  void findsTheBaselineByName() {
    // The presets (popular, itemcf, ..., full) register from funnel-rank; funnel-core has the random baseline.
    assertThat(Pipelines.all()).containsKeys("random");
    assertThat(Pipelines.named("random")).isInstanceOf(RandomPipeline.class);
  }

  @Test
  void unknownNameListsTheAvailableOnes() {
    assertThatThrownBy(() -> Pipelines.named("popularr")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown pipeline 'popularr'").hasMessageContaining("available: random");
  }

  @Test
  void protocolsParseIgnoringCaseAndListTheValidNames() {
    assertThat(Protocol.parse("LOO")).isEqualTo(Protocol.LOO);
    assertThat(Protocol.parse("temporal")).isEqualTo(Protocol.TEMPORAL);
    assertThat(Protocol.RANDOM.cliName()).isEqualTo("random");
    assertThatThrownBy(() -> Protocol.parse("kfold")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown protocol 'kfold'; valid: loo, random, temporal");
  }
}
