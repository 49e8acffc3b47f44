package dev.funnel.retrieval.online;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserNeighborRetrieverTest {
  /** Users 0..2 over items 0..4: 0 = [0, 1], 1 = [1, 2, 3] (values 1, 2, 3), 2 = [4]. */
  private static final HistoryTable HISTORY = new HistoryTable(
      IntBuffer.wrap(new int[] {0, 2, 5, 6}),
      IntBuffer.wrap(new int[] {0, 1, 1, 2, 3, 4}),
      FloatBuffer.wrap(new float[] {1, 1, 1, 2, 3, 5}));
  /** Similar users: 0 → {1: .5, 2: .25}; 1 → {0: .5}; 2 → {}. */
  private static final NeighborTable SIMILAR = new NeighborTable(
      IntBuffer.wrap(new int[] {0, 2, 3, 3}),
      IntBuffer.wrap(new int[] {1, 2, 0}),
      FloatBuffer.wrap(new float[] {.5f, .25f, .5f}));

  @Test
  void sumsSimilarityTimesTheNeighboursLikesAndDropsSeenItems() {
    UserHistory user0 = UserHistory.of(HISTORY, 0);
    // Value: item 2: .5·2 = 1, item 3: .5·3 = 1.5, item 4: .25·5 = 1.25; item 1 seen.
    ScoredItems value = new UserNeighborRetriever("usercf", SIMILAR, HISTORY, 5, 200, 10, LikeMode.VALUE)
        .retrieve(user0, 10);
    assertThat(value.items()).containsExactly(3, 4, 2);
    assertThat(value.scores()).containsExactly(1.5f, 1.25f, 1f);
    // Binary: 2 and 3 tie at .5 (smaller id first), 4 at .25.
    ScoredItems binary = new UserNeighborRetriever("usercf", SIMILAR, HISTORY, 5, 200, 10, LikeMode.BINARY)
        .retrieve(user0, 10);
    assertThat(binary.items()).containsExactly(2, 3, 4);
  }

  @Test
  void readsTheTopKUsersAndTheirLastNItems() {
    UserHistory user0 = UserHistory.of(HISTORY, 0);
    // k 1: only user 1; last-n 1: only its newest item, 3.
    assertThat(new UserNeighborRetriever("u", SIMILAR, HISTORY, 5, 1, 1, LikeMode.BINARY).retrieve(user0, 10).items())
        .containsExactly(3);
  }

  @Test
  void unknownUsersGetNothing() {
    UserNeighborRetriever retriever = new UserNeighborRetriever("u", SIMILAR, HISTORY, 5, 10, 10, LikeMode.BINARY);
    assertThat(retriever.retrieve(UserHistory.empty(), 10).size()).isZero();
    assertThat(retriever.retrieve(UserHistory.of(HISTORY, 2), 10).size()).isZero(); // no similar users
    assertThat(UserHistory.of(HISTORY, 17).user()).isEqualTo(-1);
  }

  @Test
  void matchesABruteForceScorerOnRandomTables() {
    Random random = new Random(5);
    for (int round = 0; round < 200; round++) {
      int users = 2 + random.nextInt(15);
      int items = 1 + random.nextInt(25);
      int[] offsets = new int[users + 1];
      java.util.List<Integer> flat = new java.util.ArrayList<>();
      for (int u = 0; u < users; u++) {
        int[] row = random.ints(random.nextInt(8), 0, items).distinct().toArray();
        for (int i : row) {
          flat.add(i);
        }
        offsets[u + 1] = flat.size();
      }
      int[] flatItems = flat.stream().mapToInt(Integer::intValue).toArray();
      float[] values = new float[flatItems.length];
      for (int p = 0; p < values.length; p++) {
        values[p] = 1 + random.nextInt(4);
      }
      HistoryTable history = new HistoryTable(IntBuffer.wrap(offsets), IntBuffer.wrap(flatItems), FloatBuffer.wrap(values));
      NeighborTable similar = BruteForceRanking.randomNeighbors(random, users, users, 5, false);
      int user = random.nextInt(users);
      int lastN = 1 + random.nextInt(6);
      int k = 1 + random.nextInt(5);
      int n = 1 + random.nextInt(10);
      LikeMode like = random.nextBoolean() ? LikeMode.BINARY : LikeMode.VALUE;

      double[] scores = new double[items];
      boolean[] touched = new boolean[items];
      boolean[] seen = new boolean[items];
      for (int p = offsets[user]; p < offsets[user + 1]; p++) {
        seen[flatItems[p]] = true;
      }
      for (int p = similar.start(user); p < Math.min(similar.end(user), similar.start(user) + k); p++) {
        int v = similar.neighbor(p);
        for (int q = Math.max(offsets[v], offsets[v + 1] - lastN); q < offsets[v + 1]; q++) {
          scores[flatItems[q]] += similar.score(p) * (like == LikeMode.VALUE ? values[q] : 1);
          touched[flatItems[q]] = true;
        }
      }
      int[] expected = BruteForceRanking.top(scores, touched, seen, n);
      ScoredItems actual = new UserNeighborRetriever("u", similar, history, items, lastN, k, like)
          .retrieve(UserHistory.of(history, user), n);
      assertThat(actual.items()).as("round %d", round).containsExactly(expected);
    }
  }
}
