package dev.funnel.core.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {
  @Test
  void typedGettersParseGivenValuesAndFallBackToDefaults() {
    PipelineOptions options = new PipelineOptions(Map.of("k", " 20 ", "alpha", "0.5", "like", "value"), 9);
    assertThat(options.getInt("k", 10, 1, 100)).isEqualTo(20);
    assertThat(options.getInt("last-n", 200, 1, 1000)).isEqualTo(200);
    assertThat(options.getDouble("alpha", 1)).isEqualTo(0.5);
    assertThat(options.getDouble("beta", 0.25)).isEqualTo(0.25);
    assertThat(options.getString("like", "binary")).isEqualTo("value");
    assertThat(options.getString("mode", "fast")).isEqualTo("fast");
    assertThat(options.seed()).isEqualTo(9);
  }

  @Test
  void usedReportsEveryValueInForceIncludingDefaults() {
    PipelineOptions options = new PipelineOptions(Map.of("k", "20"), 1);
    options.getInt("k", 10, 1, 100);
    options.getInt("last-n", 200, 1, 1000);
    options.getDouble("alpha", 1);
    options.getString("mode", "fast");
    assertThat(options.used())
        .containsOnly(Map.entry("k", "20"), Map.entry("last-n", "200"), Map.entry("alpha", "1.0"),
            Map.entry("mode", "fast"));
  }

  @Test
  void aNullDefaultIsNotReportedAsUsed() {
    PipelineOptions options = new PipelineOptions(Map.of(), 1);
    assertThat(options.getString("channel", null)).isNull();
    assertThat(options.used()).isEmpty();
  }

  @Test
  void unusedListsGivenOptionsNobodyRead() {
    PipelineOptions options = new PipelineOptions(Map.of("k", "5", "lats-n", "3", "zeta", "1"), 1);
    options.getInt("k", 10, 1, 100);
    options.getInt("last-n", 200, 1, 1000);
    assertThat(options.unused()).containsExactly("lats-n", "zeta");
  }

  @Test
  void badValuesNameTheOption() {
    PipelineOptions options =
        new PipelineOptions(Map.of("k", "ten", "n", "0", "alpha", "x", "beta", "Infinity", "gamma", "NaN"), 1);
    assertThatThrownBy(() -> options.getInt("k", 10, 1, 100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option --k must be an integer, was 'ten'");
    assertThatThrownBy(() -> options.getInt("n", 10, 1, 100)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option --n must be in [1, 100], was 0");
    assertThatThrownBy(() -> options.getDouble("alpha", 1)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("option --alpha must be a number, was 'x'");
    assertThatThrownBy(() -> options.getDouble("beta", 1)).hasMessageContaining("--beta must be finite");
    assertThatThrownBy(() -> options.getDouble("gamma", 1)).hasMessageContaining("--gamma must be finite");
    assertThat(options.used()).isEmpty();
  }

  @Test
  void aDefaultOutsideTheRangeIsAlsoRejected() {
    assertThatThrownBy(() -> new PipelineOptions(Map.of(), 1).getInt("k", 0, 1, 5))
        .hasMessage("option --k must be in [1, 5], was 0");
  }
}
