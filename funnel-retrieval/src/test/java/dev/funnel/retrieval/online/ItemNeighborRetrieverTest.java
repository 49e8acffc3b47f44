package dev.funnel.retrieval.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemNeighborRetrieverTest {
  /** Items 0..4. Neighbours: 0 → {1: .5, 2: .25}, 1 → {2: .5, 3: .5}, 2 → {}, 3 → {4: 1}, 4 → {0: .75}. */
  private static final NeighborTable TABLE = new NeighborTable(
      IntBuffer.wrap(new int[] {0, 2, 4, 4, 5, 6}),
      IntBuffer.wrap(new int[] {1, 2, 2, 3, 4, 0}),
      FloatBuffer.wrap(new float[] {.5f, .25f, .5f, .5f, 1f, .75f}));

  @Test
  void sumsLikeTimesSimilarityOverTheHistoryAndDropsSeenItems() {
    // History 0 (like 2) then 1 (like 4). Item 1 is seen. Item 2: 2·.25 + 4·.5 = 2.5; item 3: 4·.5 = 2.
    UserHistory history = new UserHistory(7, new int[] {0, 1}, new float[] {2, 4}, 2);
    ScoredItems value = new ItemNeighborRetriever("itemcf", TABLE, 200, 10, LikeMode.VALUE).retrieve(history, 10);
    assertThat(value.items()).containsExactly(2, 3);
    assertThat(value.scores()).containsExactly(2.5f, 2f);
    // Binary: item 2: .25 + .5 = .75, item 3: .5.
    ScoredItems binary = new ItemNeighborRetriever("itemcf", TABLE, 200, 10, LikeMode.BINARY).retrieve(history, 10);
    assertThat(binary.items()).containsExactly(2, 3);
    assertThat(binary.scores()).containsExactly(.75f, .5f);
  }

  @Test
  void readsOnlyTheLastNItemsAndTheTopKNeighboursOfEach() {
    UserHistory history = new UserHistory(0, new int[] {3, 0, 1}, new float[] {1, 1, 1}, 3);
    // last-n 1: only item 1 → 2: .5, 3 seen. k 1: only 1's first neighbour (2).
    assertThat(new ItemNeighborRetriever("x", TABLE, 1, 10, LikeMode.BINARY).retrieve(history, 10).items())
        .containsExactly(2);
    // last-n 3, k 1: 3 → 4 (1), 0 → 1 (seen), 1 → 2 (.5).
    ScoredItems k1 = new ItemNeighborRetriever("x", TABLE, 3, 1, LikeMode.BINARY).retrieve(history, 10);
    assertThat(k1.items()).containsExactly(4, 2);
  }

  @Test
  void tiesGoToTheSmallerIdAndNCutsTheList() {
    // 1 → {2: .5, 3: .5}: a tie, 2 first; n = 1 keeps only 2.
    UserHistory history = new UserHistory(0, new int[] {1}, new float[] {1}, 1);
    assertThat(new ItemNeighborRetriever("x", TABLE, 5, 5, LikeMode.BINARY).retrieve(history, 1).items())
        .containsExactly(2);
  }

  @Test
  void coldUsersAndItemsUnknownToTheModelGetNothingWithoutAnException() {
    ItemNeighborRetriever retriever = new ItemNeighborRetriever("x", TABLE, 5, 5, LikeMode.BINARY);
    assertThat(retriever.retrieve(UserHistory.empty(), 10).size()).isZero();
    UserHistory unknownItems = new UserHistory(-1, new int[] {99, -3}, new float[] {1, 1}, 2);
    assertThat(retriever.retrieve(unknownItems, 10).size()).isZero();
    assertThatThrownBy(() -> new ItemNeighborRetriever("x", TABLE, 0, 5, LikeMode.BINARY))
        .hasMessageContaining("last-n");
  }

  @Test
  void matchesABruteForceScorerOnRandomTables() {
    Random random = new Random(11);
    for (int round = 0; round < 200; round++) {
      int items = 2 + random.nextInt(30);
      NeighborTable table = BruteForceRanking.randomNeighbors(random, items, items, 6, false);
      int length = random.nextInt(12);
      int[] hist = random.ints(length, 0, items).distinct().toArray();
      float[] likes = new float[hist.length];
      for (int h = 0; h < hist.length; h++) {
        likes[h] = 1 + random.nextInt(5);
      }
      int lastN = 1 + random.nextInt(8);
      int k = 1 + random.nextInt(6);
      int n = 1 + random.nextInt(15);
      LikeMode like = random.nextBoolean() ? LikeMode.BINARY : LikeMode.VALUE;

      double[] scores = new double[items];
      boolean[] touched = new boolean[items];
      boolean[] seen = new boolean[items];
      for (int h = 0; h < hist.length; h++) {
        seen[hist[h]] = true;
      }
      for (int h = Math.max(0, hist.length - lastN); h < hist.length; h++) {
        int j = hist[h];
        for (int p = table.start(j); p < Math.min(table.end(j), table.start(j) + k); p++) {
          scores[table.neighbor(p)] += (like == LikeMode.VALUE ? likes[h] : 1) * table.score(p);
          touched[table.neighbor(p)] = true;
        }
      }
      int[] expected = BruteForceRanking.top(scores, touched, seen, n);
      ScoredItems actual = new ItemNeighborRetriever("x", table, lastN, k, like)
          .retrieve(new UserHistory(0, hist, likes, hist.length), n);
      assertThat(actual.items()).as("round %d", round).containsExactly(expected);
      for (int r = 0; r < expected.length; r++) {
        assertThat((double) actual.scores()[r]).isEqualTo(scores[expected[r]]);
      }
    }
  }
}
