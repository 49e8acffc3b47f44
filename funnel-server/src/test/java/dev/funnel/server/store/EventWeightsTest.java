package dev.funnel.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.server.store.embedded.InMemoryHistoryStore;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.HistoryStore.Entry;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class EventWeightsTest {

  private final EventWeights weights = new EventWeights(FeedbackConfig.DEFAULT);

  private static Event event(String type, float value) {
    return new Event("u", "i", type, value, 10, null);
  }

  @Test
  void weightedTypesWeighTheirConfiguredWeightTimesAnyValue() {
    assertThat(weights.weight(event("view", Float.NaN))).isEqualTo(1f);
    assertThat(weights.weight(event("purchase", Float.NaN))).isEqualTo(10f);
    assertThat(weights.weight(event("purchase", 3))).isEqualTo(30f);
    assertThat(weights.weight(event("Click", 0.5f))).isEqualTo(1f);
    assertThat(weights.isValue(event("purchase", 3))).isFalse();
  }

  @Test
  void valueTypesWeighTheirValueAndReplace() {
    assertThat(weights.weight(event("rating", 4.5f))).isEqualTo(4.5f);
    assertThat(weights.isValue(event("RATING", 4.5f))).isTrue();
    assertThat(weights.weight(event("rating", Float.NaN))).isNaN();
  }

  @Test
  void addToAppliesWeightedEventsAndSkipsRatingsWithoutValue() throws IOException {
    InMemoryHistoryStore history = new InMemoryHistoryStore();
    assertThat(weights.addTo(history, 1, event("like", 2))).isTrue();
    assertThat(weights.addTo(history, 2, event("rating", 4))).isTrue();
    assertThat(weights.addTo(history, 3, event("rating", 1))).isTrue();
    assertThat(weights.addTo(history, 4, event("rating", Float.NaN))).isFalse();

    assertThat(history.recent("u")).containsExactly(new Entry("i", 3 * 2 + 1, 10));
  }

  @Test
  void unknownTypesAreRejectedByName() {
    assertThat(weights.knows(event("bogus", 1))).isFalse();
    assertThatThrownBy(() -> weights.weight(event("bogus", 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bogus");
  }
}
