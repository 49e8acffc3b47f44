package dev.funnel.core.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GeneratorConfigTest {
  private static final long START = GeneratorConfig.DEFAULT_WINDOW_START;

  @Test
  void defaultsScaleWithTheData() {
    GeneratorConfig config = GeneratorConfig.of(10_000, 5_000, 1_000_000, 42);
    assertThat(config.topics()).isEqualTo(20);
    assertThat(config.circles()).isEqualTo(50);
    assertThat(config.windowStart()).isEqualTo(1_704_067_200L);
    assertThat(config.windowEnd() - config.windowStart()).isEqualTo(180 * 86_400L);
    assertThat(config.dwellShare()).isEqualTo(0.5);
    assertThat(GeneratorConfig.of(20, 5, 1_000, 1)).extracting(GeneratorConfig::topics, GeneratorConfig::circles)
        .containsExactly(5, 1);
    assertThat(GeneratorConfig.of(19, 5, 1_000, 1).circles()).isZero();
    // Circles are dropped when the events cannot hold them.
    assertThat(GeneratorConfig.of(1_000, 100, 1_000 + 2 * 48, 1).circles()).isEqualTo(2);
    assertThat(GeneratorConfig.of(1, 2, 1, 1)).extracting(GeneratorConfig::topics, GeneratorConfig::circles)
        .containsExactly(2, 0);
  }

  @Test
  void badConfigurationsAreRejectedWithTheOffendingValue() {
    assertRejected(() -> GeneratorConfig.of(0, 10, 10, 1), "users must be ≥ 1, was 0");
    assertRejected(() -> GeneratorConfig.of(10, 1, 10, 1), "items must be ≥ 2, was 1");
    assertRejected(() -> GeneratorConfig.of(10, 10, 9, 1), "events must be ≥", "was 9");
    assertRejected(() -> new GeneratorConfig(10, 10, 100, 1, 0, 0, START, 180, 0.5), "topics must be between 1", "was 0");
    assertRejected(() -> new GeneratorConfig(10, 10, 100, 1, 11, 0, START, 180, 0.5), "was 11");
    assertRejected(() -> new GeneratorConfig(60, 10, 1_000, 1, 5, 11, START, 180, 0.5), "circles must be between 0", "(10)");
    assertRejected(() -> new GeneratorConfig(60, 10, 1_000, 1, 5, -1, START, 180, 0.5), "circles", "was -1");
    assertRejected(() -> new GeneratorConfig(60, 10, 1_000, 1, 1, 1, START, 180, 0.5), "2 topics");
    assertRejected(() -> new GeneratorConfig(60, 10, 60 + 47, 1, 5, 1, START, 180, 0.5), "(108)", "was 107");
    assertRejected(() -> new GeneratorConfig(60, 10, 1_000, 1, 5, 1, START, 0, 0.5), "windowDays");
    assertRejected(() -> new GeneratorConfig(60, 10, 1_000, 1, 5, 1, -1, 10, 0.5), "windowStart");
    assertThat(new GeneratorConfig(60, 10, 60 + 48, 1, 5, 1, START, 1, 0.5).circles()).isEqualTo(1);
    assertRejected(() -> GeneratorConfig.of(60, 10, 1_000, 1).withDwellShare(1.01), "dwellShare", "was 1.01");
    assertRejected(() -> GeneratorConfig.of(60, 10, 1_000, 1).withDwellShare(Double.NaN), "dwellShare", "NaN");
    assertThat(GeneratorConfig.of(60, 10, 1_000, 1).withDwellShare(0).dwellShare()).isZero();
  }

  private static void assertRejected(Runnable construction, String... messageParts) {
    assertThatThrownBy(construction::run).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContainingAll(messageParts);
  }
}
