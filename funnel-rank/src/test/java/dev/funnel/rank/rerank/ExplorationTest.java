package dev.funnel.rank.rerank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.ints.IntList;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExplorationTest {

  private static final long NOW = 5_000_000L;
  private static final int[] ITEMS = {0, 1, 2, 3, 4};
  private static final float[] SCORES = {5, 4, 3, 2, 1};

  /** Items 0–4 are candidates; 5–11 new: 9 hidden, 10 expired. */
  private static final ItemAttributes ATTRIBUTES =
      ItemAttributes.builder(12)
          .hidden(new boolean[] {false, false, false, false, false, false, false, false, false, true, false, false})
          .expiresAt(expiring(12, 10))
          .publishedAt(published())
          .build();

  private static final IntList POOL = IntList.of(2, 5, 6, 7, 8, 9, 10);

  private static RankedList list(boolean explain) {
    return RankedList.of(ITEMS, SCORES, explain);
  }

  private static RequestContext ctx(long seed, int... seen) {
    IntArrayList seenItems = IntArrayList.wrap(seen);
    return new RequestContext(NOW, seenItems::contains, seed, true);
  }

  @Test
  void epsilonZeroChangesNothing() {
    Exploration explore = Exploration.epsilonGreedy(ATTRIBUTES, POOL, 1, 0);
    for (long seed = 0; seed < 200; seed++) {
      RankedList list = list(true);
      explore.apply(list, ctx(seed));
      assertThat(list.items()).containsExactly(ITEMS);
      assertThat(list.explanations()).isEmpty();
    }
  }

  @Test
  void epsilonOneAlwaysInsertsAnEligibleNewItemAtTheSlot() {
    Exploration explore = Exploration.epsilonGreedy(ATTRIBUTES, POOL, 2, 1);
    int[] chosen = new int[12];
    for (long seed = 0; seed < 4000; seed++) {
      RankedList list = list(true);
      explore.apply(list, ctx(seed, 8));
      assertThat(list.size()).isEqualTo(6);
      int item = list.item(2);
      // 2 is a candidate already, 8 seen, 9 hidden, 10 expired: only 5, 6, 7 are eligible.
      assertThat(item).isIn(5, 6, 7);
      assertThat(list.score(2)).isEqualTo(3f);
      assertThat(list.items()).containsExactly(0, 1, item, 2, 3, 4);
      assertThat(list.explanationsOf(item)).containsExactly("explore: inserted at 3 (ε=1.0)");
      chosen[item]++;
    }
    // Uniform: each of the three about 1333 times (σ ≈ 30).
    for (int item = 5; item <= 7; item++) {
      assertThat(chosen[item]).isBetween(1180, 1480);
    }
  }

  @Test
  void exploresAboutAnEpsilonShareOfRequests() {
    Exploration explore = Exploration.epsilonGreedy(ATTRIBUTES, POOL, 0, 0.2);
    int explored = 0;
    for (long seed = 0; seed < 5000; seed++) {
      RankedList list = list(false);
      explore.apply(list, ctx(seed));
      explored += list.size() - ITEMS.length;
    }
    assertThat(explored).isBetween(900, 1100); // 1000 ± 3.5σ
  }

  @Test
  void theSameSeedGivesTheSameListAndSeedsDiffer() {
    Exploration explore = Exploration.epsilonGreedy(ATTRIBUTES, POOL, 1, 0.5);
    java.util.Set<String> outcomes = new java.util.HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      RankedList first = list(false);
      RankedList second = list(false);
      explore.apply(first, ctx(seed));
      explore.apply(second, ctx(seed));
      assertThat(second.items()).containsExactly(first.items());
      outcomes.add(java.util.Arrays.toString(first.items()));
    }
    assertThat(outcomes).hasSizeGreaterThan(3);
  }

  @Test
  void nothingEligibleChangesNothing() {
    Exploration explore = Exploration.epsilonGreedy(ATTRIBUTES, IntList.of(1, 9, 10), 0, 1);
    RankedList list = list(true);
    explore.apply(list, ctx(3));
    assertThat(list.items()).containsExactly(ITEMS);
  }

  @Test
  void aSlotPastTheEndAppends() {
    RankedList list = list(false);
    Exploration.epsilonGreedy(ATTRIBUTES, IntList.of(6), 50, 1).apply(list, ctx(1));
    assertThat(list.items()).containsExactly(0, 1, 2, 3, 4, 6);
    assertThat(list.score(5)).isEqualTo(1f);
  }

  @Test
  void thompsonMostlyPicksTheClearlyBetterPosteriorButStillTriesTheOther() {
    int[] clicks = new int[12];
    int[] impressions = new int[12];
    clicks[5] = 30;
    impressions[5] = 100; // Beta(31, 71): mean 0.30
    clicks[6] = 20;
    impressions[6] = 100; // Beta(21, 81): mean 0.21; P(draw 5 > draw 6) ≈ 0.93
    Exploration explore = Exploration.thompson(ATTRIBUTES, IntList.of(5, 6), 0, 1, clicks, impressions);
    int better = 0;
    int worse = 0;
    for (long seed = 0; seed < 2000; seed++) {
      RankedList list = list(false);
      explore.apply(list, ctx(seed));
      better += list.item(0) == 5 ? 1 : 0;
      worse += list.item(0) == 6 ? 1 : 0;
    }
    assertThat(better + worse).isEqualTo(2000);
    assertThat(better).isBetween(1780, 1940);
    assertThat(worse).isPositive();
  }

  @Test
  void thompsonExplainsItsDraw() {
    Exploration explore = Exploration.thompson(ATTRIBUTES, IntList.of(5), 1, 1, new int[0], new int[0]);
    RankedList list = list(true);
    explore.apply(list, ctx(9));
    assertThat(list.item(1)).isEqualTo(5);
    assertThat(list.explanationsOf(5)).singleElement().asString().matches("explore: inserted at 2 \\(Thompson draw 0\\.\\d{3}, ε=1\\.0\\)");
  }

  @Test
  void betaDrawsHaveTheRightMeanAndVariance() {
    SplittableRandom random = new SplittableRandom(11);
    int n = 40_000;
    double sum = 0;
    double sumSquares = 0;
    for (int i = 0; i < n; i++) {
      double x = BetaSampler.sample(random, 3, 7);
      sum += x;
      sumSquares += x * x;
    }
    double mean = sum / n;
    double variance = sumSquares / n - mean * mean;
    // Beta(3, 7): mean 0.3, variance 3·7 / (10² · 11) = 0.0190909
    assertThat(mean).isBetween(0.297, 0.303);
    assertThat(variance).isBetween(0.0185, 0.0197);
  }

  @Test
  void newItemsAreRecentOrRarelyShownAndVisible() {
    int[] impressions = new int[12];
    java.util.Arrays.fill(impressions, 100);
    impressions[3] = 2;
    // Published within a day: 5–11 (9 hidden, 10 expired); rarely shown: 3.
    assertThat(Exploration.newItems(ATTRIBUTES, NOW, 86_400, ItemFeedback.of(new int[12], impressions), 5).toIntArray()).containsExactly(3, 5, 6, 7, 8, 11);
    assertThat(Exploration.newItems(ATTRIBUTES, NOW, 86_400, null, 0).toIntArray()).containsExactly(5, 6, 7, 8, 11);
  }

  @Test
  void rejectsBadParameters() {
    assertThatThrownBy(() -> Exploration.epsilonGreedy(ATTRIBUTES, POOL, 0, 1.5)).hasMessageContaining("ε");
    assertThatThrownBy(() -> Exploration.epsilonGreedy(ATTRIBUTES, POOL, -1, 0.1)).hasMessageContaining("slot");
    assertThatThrownBy(() -> Exploration.thompson(ATTRIBUTES, POOL, 0, 1, new int[] {3}, new int[] {2}))
        .hasMessageContaining("item 0 has 3 clicks for 2 impressions");
  }

  private static long[] expiring(int n, int expired) {
    long[] expiresAt = new long[n];
    java.util.Arrays.fill(expiresAt, ItemAttributes.NEVER);
    expiresAt[expired] = NOW - 1;
    return expiresAt;
  }

  private static long[] published() {
    long[] publishedAt = new long[12];
    for (int i = 0; i < 12; i++) {
      publishedAt[i] = i < 5 ? NOW - 100 * 86_400 : NOW - 3_600;
    }
    return publishedAt;
  }
}
