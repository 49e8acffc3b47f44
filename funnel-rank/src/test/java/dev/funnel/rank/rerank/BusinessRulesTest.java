package dev.funnel.rank.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BusinessRulesTest {

  private static final long NOW = 1_000_000L;
  private static final long NEVER = ItemAttributes.NEVER;

  private static final ItemAttributes ATTRIBUTES =
      ItemAttributes.builder(10)
          .categories(new int[][] {{1}, {1}, {1, 2}, {2}, {1}, {3}, {}, {}, {}, {}})
          .hidden(new boolean[] {false, false, true, false, false, false, false, false, false, true})
          .expiresAt(new long[] {NEVER, NEVER, NEVER, NOW, NOW + 1, NEVER, NEVER, NEVER, NEVER, NEVER})
          .field("brand", new int[] {7, 7, 8, -1, -1, 8, -1, -1, -1, -1})
          .build();

  private static final int[] SIX = {0, 1, 2, 3, 4, 5};
  private static final float[] SIX_SCORES = {6, 5, 4, 3, 2, 1};

  private static RankedList six() {
    return RankedList.of(SIX, SIX_SCORES, true);
  }

  private static RequestContext seeing(int... seen) {
    java.util.Set<Integer> set = new java.util.HashSet<>();
    for (int s : seen) {
      set.add(s);
    }
    return new RequestContext(NOW, set::contains, 0, true);
  }

  private static BusinessRules rules(BusinessRules.Config.Builder config) {
    return new BusinessRules(ATTRIBUTES, config.build());
  }

  private static BusinessRules.Config.Builder noFilters() {
    return BusinessRules.Config.builder().dropSeen(false).dropHidden(false).dropExpired(false);
  }

  @Test
  void dropsSeenHiddenAndExpired() {
    RankedList list = six();
    rules(BusinessRules.Config.builder()).apply(list, seeing(1));
    // 1 seen, 2 hidden, 3 expires exactly now; 4 expires a second later and stays.
    assertThat(list.items()).containsExactly(0, 4, 5);
    assertThat(list.scores()).containsExactly(6, 2, 1);
    assertThat(list.explanationsOf(1)).containsExactly("rule: dropped (seen)");
    assertThat(list.explanationsOf(2)).containsExactly("rule: dropped (hidden)");
    assertThat(list.explanationsOf(3)).containsExactly("rule: dropped (expired)");
    assertThat(list.explanationsOf(4)).isEmpty();
  }

  @Test
  void filtersCanBeSwitchedOffOneByOne() {
    RankedList list = six();
    rules(noFilters().dropHidden(true)).apply(list, seeing(1));
    assertThat(list.items()).containsExactly(0, 1, 3, 4, 5);
    list = six();
    rules(noFilters()).apply(list, seeing(1));
    assertThat(list.items()).containsExactly(SIX);
  }

  @Test
  void capsCountOnlyKeptItemsGreedilyInOrder() {
    RankedList list = six();
    rules(noFilters().categoryCap(1, 2).defaultCategoryCap(1)).apply(list, seeing());
    // 0, 1 fill category 1; 2 (categories 1, 2) is dropped, so it does not use up category 2; 3 takes category 2;
    // 4 (category 1) is dropped; 5 takes category 3.
    assertThat(list.items()).containsExactly(0, 1, 3, 5);
    assertThat(list.explanationsOf(2)).containsExactly("rule: dropped (category cap 1=2)");
    assertThat(list.explanationsOf(4)).containsExactly("rule: dropped (category cap 1=2)");
  }

  @Test
  void aZeroCapRemovesACategory() {
    RankedList list = six();
    rules(noFilters().categoryCap(2, 0)).apply(list, seeing());
    assertThat(list.items()).containsExactly(0, 1, 4, 5);
    assertThat(list.explanationsOf(2)).containsExactly("rule: dropped (category cap 2=0)");
  }

  @Test
  void boostsMultiplyAndResort() {
    RankedList list = six();
    rules(noFilters().boost(4, 3.5f).boost(8, 10f)).apply(list, seeing());
    // 4: 2 × 3.5 = 7 goes first; 8 is not a candidate and changes nothing.
    assertThat(list.items()).containsExactly(4, 0, 1, 2, 3, 5);
    assertThat(list.scores()).containsExactly(7, 6, 5, 4, 3, 1);
    assertThat(list.explanationsOf(4)).containsExactly("rule: boosted ×3.50", "rule: moved 5 → 1");
  }

  @Test
  void dedupeKeepsTheBestItemPerValue() {
    RankedList list = six();
    rules(noFilters().dedupeBy("brand")).apply(list, seeing());
    // brands 7, 7, 8, none, none, 8: the second 7 and the second 8 go; items without a brand all stay.
    assertThat(list.items()).containsExactly(0, 2, 3, 4);
    assertThat(list.explanationsOf(1)).containsExactly("rule: dropped (duplicate brand=7)");
    assertThat(list.explanationsOf(5)).containsExactly("rule: dropped (duplicate brand=8)");
  }

  @Test
  void dedupeAfterBoostKeepsTheBoostedItem() {
    RankedList list = six();
    rules(noFilters().dedupeBy("brand").boost(1, 2f)).apply(list, seeing());
    // 1 (5 × 2 = 10) now beats 0 for brand 7.
    assertThat(list.items()).containsExactly(1, 2, 3, 4);
  }

  @Test
  void pinsMoveCandidatesAndForceOthersIn() {
    RankedList list = six();
    rules(noFilters().pin(4, 0).pin(9, 1).forcePin(8, 2).pin(1, 10)).apply(list, seeing());
    // Take out 4 and 1 → [0, 2, 3, 5]; 4 at 1st; 9 is no candidate and not forced; 8 forced in at 3rd with the
    // score of the item it displaces (2); 1 past the end is appended, keeping its score.
    assertThat(list.items()).containsExactly(4, 0, 8, 2, 3, 5, 1);
    assertThat(list.scores()).containsExactly(2, 6, 4, 4, 3, 1, 5);
    assertThat(list.explanationsOf(4)).containsExactly("rule: pinned at 1");
    assertThat(list.explanationsOf(8)).containsExactly("rule: pinned at 3 (forced in)");
    assertThat(list.explanationsOf(1)).containsExactly("rule: pinned at 7");
    assertThat(list.explanationsOf(9)).isEmpty();
  }

  @Test
  void pinnedItemsSkipCapsAndDedupeButNotFilters() {
    RankedList list = six();
    rules(BusinessRules.Config.builder().categoryCap(1, 1).dedupeBy("brand").pin(1, 0).forcePin(9, 1).pin(3, 2))
        .apply(list, seeing());
    // 1 shares brand and category 1 with 0 but is pinned; 9 is hidden and 3 expired, so neither is shown.
    // Among the rest: 0 takes category 1 (2 is hidden anyway, 4 is over the cap), 5 stays.
    assertThat(list.items()).containsExactly(1, 0, 5);
    assertThat(list.explanationsOf(9)).containsExactly("rule: pin ignored (hidden)");
    assertThat(list.explanationsOf(3)).containsExactly("rule: pin ignored (expired)");
  }

  @Test
  void allRulesTogetherExplainNothingWhenExplanationsAreOff() {
    RankedList list = RankedList.of(SIX, SIX_SCORES, false);
    rules(BusinessRules.Config.builder().categoryCap(1, 1).dedupeBy("brand").boost(5, 9f).forcePin(8, 0))
        .apply(list, seeing(0));
    // 0 seen, 2 hidden, 3 expired; boost 5 to 9; [5, 1, 4]: 5 is brand 8, 1 takes category 1, 4 over the cap.
    assertThat(list.items()).containsExactly(8, 5, 1);
    assertThat(list.explanations()).isEmpty();
  }

  @Test
  void rejectsBadConfigurations() {
    assertThatThrownBy(() -> BusinessRules.Config.builder().categoryCap(3, -1).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("category 3");
    assertThatThrownBy(() -> BusinessRules.Config.builder().boost(4, 0f).build())
        .hasMessageContaining("item 4");
    assertThatThrownBy(() -> BusinessRules.Config.builder().pin(4, 0).forcePin(4, 3).build())
        .hasMessageContaining("item 4 is pinned twice");
    assertThatThrownBy(() -> BusinessRules.Config.builder().pin(4, 0).pin(5, 0).build())
        .hasMessageContaining("position 0 has two pins");
    assertThatThrownBy(() -> BusinessRules.Config.builder().pin(4, -1))
        .hasMessageContaining("4@-1");
    assertThatThrownBy(() -> rules(BusinessRules.Config.builder().dedupeBy("colour")))
        .hasMessageContaining("no item field named 'colour'");
  }

  @Test
  void configIsImmutable() {
    BusinessRules.Config config = BusinessRules.Config.builder().boost(1, 2f).categoryCap(1, 1).pin(1, 0).build();
    assertThatThrownBy(() -> config.boosts().put(2, 3f)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.categoryCaps().put(2, 3)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> config.pins().clear()).isInstanceOf(UnsupportedOperationException.class);
  }
}
