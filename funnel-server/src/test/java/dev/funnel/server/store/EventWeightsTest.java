package dev.funnel.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.funnel.core.data.FeedbackConfig;
import dev.funnel.server.store.embedded.InMemoryHistoryStore;
import dev.funnel.server.store.Event;
import dev.funnel.server.store.HistoryStore.Entry;
import java.io.IOException;
import java.util.List;
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
  void updatesCarryWeightedEventsAndSkipRatingsWithoutValue() throws IOException {
    InMemoryHistoryStore history = new InMemoryHistoryStore();
    List<HistoryStore.Update> updates = java.util.stream.Stream.of(event("like", 2), event("rating", 4),
        event("rating", 1), event("rating", Float.NaN)).map(e -> weights.update(7, e)).toList();
    assertThat(updates.get(0)).isEqualTo(new HistoryStore.Update(7, "u", "i", "like", 3 * 2, false, 10));
    assertThat(updates.get(3)).isNull();
    history.addAll(updates.subList(0, 3));

    assertThat(history.recent("u")).containsExactly(new Entry("i", 3 * 2 + 1, 10, "like,rating"));
  }

  @Test
  void unknownTypesAreRejectedByName() {
    assertThat(weights.knows(event("bogus", 1))).isFalse();
    assertThatThrownBy(() -> weights.weight(event("bogus", 1))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("bogus");
  }
}
