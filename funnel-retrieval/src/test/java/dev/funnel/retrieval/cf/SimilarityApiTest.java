package dev.funnel.retrieval.cf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Configuration validation, algorithm names and the index container. */
class SimilarityApiTest {
  private final SimilarityConfig defaults = SimilarityConfig.defaults();

  @Test
  void defaultsAreTheDocumentedOnes() {
    assertThat(defaults).isEqualTo(
        new SimilarityConfig(10, 1, 0, 0, 0, Runtime.getRuntime().availableProcessors(), 500, 200,
            dev.funnel.core.data.FeedbackTransform.NONE));
    assertThat(defaults.withK(5).withSwingAlpha(2).withSwingBeta(0.5).withMaxUserItems(7).withMaxItemUsers(8)
        .withThreads(3)).isEqualTo(new SimilarityConfig(5, 2, 0.5, 7, 8, 3, 500, 200,
            dev.funnel.core.data.FeedbackTransform.NONE));
  }

  @Test
  void invalidSettingsAreNamedWithTheirValue() {
    assertThatThrownBy(() -> defaults.withK(0)).hasMessage("k must be in [1, 10000], was 0");
    assertThatThrownBy(() -> defaults.withK(10_001)).hasMessage("k must be in [1, 10000], was 10001");
    assertThatThrownBy(() -> defaults.withSwingAlpha(0)).hasMessage("Swing alpha must be finite and > 0, was 0.0");
    assertThatThrownBy(() -> defaults.withSwingAlpha(Double.NaN)).hasMessageContaining("alpha").hasMessageContaining("NaN");
    assertThatThrownBy(() -> defaults.withSwingAlpha(Double.POSITIVE_INFINITY)).hasMessageContaining("alpha");
    assertThatThrownBy(() -> defaults.withSwingBeta(-0.5)).hasMessage("Swing beta must be finite and ≥ 0, was -0.5");
    assertThatThrownBy(() -> defaults.withSwingBeta(Double.NaN)).hasMessageContaining("beta");
    assertThatThrownBy(() -> defaults.withMaxUserItems(-1))
        .hasMessage("max user items must be ≥ 0 (0 = no cap), was -1");
    assertThatThrownBy(() -> defaults.withMaxItemUsers(-2))
        .hasMessage("max item users must be ≥ 0 (0 = no cap), was -2");
    assertThatThrownBy(() -> defaults.withThreads(0)).hasMessage("threads must be ≥ 1, was 0");
    assertThat(defaults.withK(10_000).k()).isEqualTo(10_000);
  }

  @ParameterizedTest
  @EnumSource(Algorithm.class)
  void namesRoundTrip(Algorithm algorithm) {
    assertThat(Algorithm.fromName(algorithm.cliName())).isSameAs(algorithm);
    assertThat(Algorithm.fromName(" " + algorithm.cliName().toUpperCase() + " ")).isSameAs(algorithm);
  }

  @Test
  void namesAndEntities() {
    assertThat(Algorithm.ITEMCF_WEIGHTED.cliName()).isEqualTo("itemcf-weighted");
    assertThat(Algorithm.USERCF_POP.cliName()).isEqualTo("usercf-pop");
    assertThat(Algorithm.SWING.entity()).isEqualTo(Entity.ITEM);
    assertThat(Algorithm.USERCF.entity()).isEqualTo(Entity.USER);
    assertThat(Algorithm.EASE_USER.entity()).isEqualTo(Entity.USER);
    assertThat(java.util.Arrays.stream(Algorithm.values()).filter(Algorithm::isEase))
        .containsExactly(Algorithm.EASE, Algorithm.EASE_USER);
    assertThat(defaults.withEaseNeighbors(7).neighbors(Algorithm.EASE_USER)).isEqualTo(7);
    assertThat(defaults.withEaseNeighbors(7).neighbors(Algorithm.USERCF)).isEqualTo(defaults.k());
  }

  @Test
  void unknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> Algorithm.fromName("als"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown similarity algorithm 'als'; valid names: "
            + "itemcf, itemcf-weighted, swing, usercf, usercf-pop, ease, ease-user, contentcf");
    assertThatThrownBy(() -> Algorithm.fromName(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void indexValidatesItsArrays() {
    NeighborIndex index = NeighborIndex.of(new int[] {0, 2, 2, 3}, new int[] {1, 2, 0}, new float[] {.5f, .4f, .3f});
    assertThat(index.size()).isEqualTo(3);
    assertThat(index.degree(0)).isEqualTo(2);
    assertThat(index.degree(1)).isZero();
    assertThat(index).isEqualTo(NeighborIndex.of(new int[] {0, 2, 2, 3}, new int[] {1, 2, 0}, new float[] {.5f, .4f, .3f}))
        .hasSameHashCodeAs(NeighborIndex.of(new int[] {0, 2, 2, 3}, new int[] {1, 2, 0}, new float[] {.5f, .4f, .3f}))
        .isNotEqualTo(NeighborIndex.of(new int[] {0, 2, 2, 3}, new int[] {1, 2, 0}, new float[] {.5f, .4f, .2f}))
        .hasToString("NeighborIndex[rows=3, neighbours=3]");
    assertThatThrownBy(() -> NeighborIndex.of(new int[0], new int[0], new float[0])).hasMessageContaining("start with 0");
    assertThatThrownBy(() -> NeighborIndex.of(new int[] {0, 2, 1}, new int[1], new float[1]))
        .hasMessage("offsets decrease at row 1: 2 then 1");
    assertThatThrownBy(() -> NeighborIndex.of(new int[] {0, 2}, new int[2], new float[1]))
        .hasMessage("offsets end at 2 but there are 2 neighbours and 1 scores");
  }
}
