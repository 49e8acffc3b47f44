package dev.funnel.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdDictionaryTest {
  @Test
  void denseIdsFollowTheExternalIdOrder() {
    IdDictionary ids = IdDictionary.of(List.of("b", "10", "-1", "2", "a"));
    assertThat(ids.size()).isEqualTo(5);
    String[] byDenseId = new String[5];
    for (int d = 0; d < 5; d++) {
      byDenseId[d] = ids.externalId(d);
      assertThat(ids.denseId(byDenseId[d])).isEqualTo(d);
    }
    assertThat(byDenseId).containsExactly("-1", "2", "10", "a", "b");
  }

  @Test
  void unknownIdsAreMinusOne() {
    IdDictionary ids = IdDictionary.of(List.of("1", "2"));
    assertThat(ids.denseId("3")).isEqualTo(-1);
    assertThat(ids.denseId("01")).isEqualTo(-1);
  }

  @Test
  void rejectsRepeatedAndNullIds() {
    assertThatThrownBy(() -> IdDictionary.of(List.of("7", "x", "7"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("repeated id: 7");
    assertThatThrownBy(() -> IdDictionary.of(Arrays.asList("7", null, "8")))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("null id");
  }

  @Test
  void emptyDictionary() {
    assertThat(IdDictionary.of(List.of()).size()).isZero();
  }

  @Test
  void builderHandsOutArrivalOrderIdsThenRemapsToSortedOnes() {
    IdDictionary.Builder builder = new IdDictionary.Builder();
    assertThat(builder.intern("10")).isZero();
    assertThat(builder.intern("9")).isEqualTo(1);
    assertThat(builder.intern("10")).isZero();
    assertThat(builder.intern("a")).isEqualTo(2);
    assertThat(builder.find("9")).isEqualTo(1);
    assertThat(builder.find("11")).isEqualTo(-1);
    assertThat(builder.size()).isEqualTo(3);
    IdDictionary ids = builder.build();
    int[] remap = builder.remap(ids);
    assertThat(remap).containsExactly(1, 0, 2); // "10" → 1, "9" → 0, "a" → 2
    assertThat(ids.externalId(remap[0])).isEqualTo("10");
  }
}
