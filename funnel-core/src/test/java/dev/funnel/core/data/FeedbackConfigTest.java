package dev.funnel.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FeedbackConfigTest {
  @Test
  void defaults() {
    FeedbackConfig config = FeedbackConfig.DEFAULT;
    assertThat(config.weights()).containsOnly(Map.entry("view", 1f), Map.entry("click", 2f), Map.entry("like", 3f),
        Map.entry("share", 5f), Map.entry("purchase", 10f), Map.entry("dwell", 1f), Map.entry("play", 1f));
    assertThat(config.measureTypes()).containsExactly("dwell");
    assertThat(config.valueTypes()).containsExactly("rating");
    assertThat(config.minPositive()).isZero();
    assertThat(new FeedbackConfig(null, null, 0)).isEqualTo(config);
  }

  @Test
  void typesIgnoreCase() {
    FeedbackConfig config = new FeedbackConfig(Map.of("View", 2f), Set.of("Stars"), 1);
    assertThat(config.weights()).containsOnly(Map.entry("view", 2f));
    assertThat(config.weight("VIEW")).isEqualTo(2f);
    assertThat(config.knows("vIeW")).isTrue();
    assertThat(config.knows("STARS")).isTrue();
    assertThat(config.isValueType("stars")).isTrue();
    assertThat(config.isValueType("view")).isFalse();
    assertThat(config.knows("click")).as("weights given replace the defaults").isFalse();
  }

  @Test
  void aDwellWeighsItsTypesWeightWhateverItsSecondsAndNeedsThem() {
    FeedbackConfig config = FeedbackConfig.DEFAULT;
    assertThat(config.eventWeight("dwell", 37.5f)).isEqualTo(1f);
    assertThat(config.eventWeight("purchase", 2f)).as("a multiple").isEqualTo(20f);
    assertThat(config.eventWeight("play", 300f)).as("a play count").isEqualTo(300f);
    assertThat(config.eventWeight("view", Float.NaN)).isEqualTo(1f);
    assertThat(config.eventWeight("rating", 4f)).isEqualTo(4f);
    assertThat(config.needsValue("DWELL")).isTrue();
    assertThat(config.needsValue("rating")).isTrue();
    assertThat(config.needsValue("view")).isFalse();
    assertThat(new FeedbackConfig(Map.of("view", 1f), null, 0).measureTypes())
        .as("the default measure types apply only to weighted ones").isEmpty();
    assertThatThrownBy(() -> new FeedbackConfig(Map.of("view", 1f), null, 0, Set.of("dwell")))
        .hasMessage("measure type 'dwell' needs a weight under weights");
  }

  @Test
  void unknownTypeListsTheKnownOnes() {
    assertThatThrownBy(() -> FeedbackConfig.DEFAULT.weight("hover")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown event type 'hover'; known: click, dwell, like, play, purchase, rating, share, view");
  }

  @Test
  void withMinPositiveKeepsTheWeights() {
    FeedbackConfig strict = FeedbackConfig.DEFAULT.withMinPositive(3.5f);
    assertThat(strict.minPositive()).isEqualTo(3.5f);
    assertThat(strict.weights()).isEqualTo(FeedbackConfig.DEFAULT.weights());
  }

  @Test
  void rejectsWeightsThatAreNotPositiveAndFinite() {
    for (float bad : new float[] {0, -1, Float.NaN, Float.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> new FeedbackConfig(Map.of("view", bad), null, 0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("feedback weight of 'view' must be positive and finite");
    }
    Map<String, Float> nullWeight = new HashMap<>();
    nullWeight.put("view", null);
    assertThatThrownBy(() -> new FeedbackConfig(nullWeight, null, 0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'view'");
  }

  @Test
  void rejectsAmbiguousTypes() {
    assertThatThrownBy(() -> new FeedbackConfig(Map.of("rating", 1f), Set.of("Rating"), 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("event type 'rating' is both weighted and value-typed");
    assertThatThrownBy(() -> new FeedbackConfig(Map.of("view", 1f, "VIEW", 2f), null, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two weights");
  }

  @Test
  void rejectsAThresholdThatIsNotFinite() {
    assertThatThrownBy(() -> new FeedbackConfig(null, null, Float.NaN)).hasMessageContaining("minPositive");
    assertThatThrownBy(() -> FeedbackConfig.DEFAULT.withMinPositive(Float.NEGATIVE_INFINITY))
        .hasMessageContaining("minPositive");
  }
}
