package dev.funnel.experiment.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PositionBiasTest {
  @Test
  void logIsOneOverLog2OfTheOneBasedPositionPlusOne() {
    PositionBias log = PositionBias.parse("log");
    assertThat(log.examine(0)).isCloseTo(1, within(1e-12)); // 1 / log2(2)
    assertThat(log.examine(1)).isCloseTo(0.6309297535714574, within(1e-12)); // 1 / log2(3)
    assertThat(log.examine(2)).isCloseTo(0.5, within(1e-12)); // 1 / log2(4)
    assertThat(log.examine(6)).isCloseTo(1 / 3.0, within(1e-12)); // 1 / log2(8)
    assertThat(log.examine(14)).isCloseTo(0.25, within(1e-12)); // 1 / log2(16)
  }

  @Test
  void geometricMultipliesByGammaPerPosition() {
    PositionBias geometric = PositionBias.parse("geometric:0.5");
    assertThat(geometric.examine(0)).isEqualTo(1);
    assertThat(geometric.examine(1)).isCloseTo(0.5, within(1e-12));
    assertThat(geometric.examine(3)).isCloseTo(0.125, within(1e-12));
    assertThat(PositionBias.parse("geometric:0.7").examine(2)).isCloseTo(0.49, within(1e-12));
  }

  @Test
  void noneExaminesEverything() {
    PositionBias none = PositionBias.parse("none");
    assertThat(none.examine(0)).isEqualTo(1);
    assertThat(none.examine(99)).isEqualTo(1);
  }

  @Test
  void parsingIgnoresCaseAndBlanksAndRoundTrips() {
    assertThat(PositionBias.parse(" LOG ")).isEqualTo(new PositionBias.Log());
    assertThat(PositionBias.parse("Geometric:1")).isEqualTo(new PositionBias.Geometric(1));
    for (String form : new String[] {"log", "none", "geometric:0.7"}) {
      assertThat(PositionBias.parse(form).toString()).isEqualTo(form);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "linear", "geometric", "geometric:", "geometric:x", "geometric:0", "geometric:1.5",
      "geometric:-0.5", "geometric:NaN", "log:2"})
  void refusesAnythingElseNamingTheForms(String text) {
    assertThatThrownBy(() -> PositionBias.parse(text)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("geometric").hasMessageContaining(text.substring(text.indexOf(':') + 1));
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> PositionBias.parse(null)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("log, none or geometric");
  }
}
